import json, sys
A = {}
def alert(i, name, sev, mitre, rem):
    A[i] = {"name": name, "severity": sev, "mitre": mitre, "remediation": rem}
alert("IOTA-001","Reverse shell","High",["T1059.004"],"Find the process tree that opened the shell, block the remote address and check the device for the entry point.")
alert("IOTA-002","Successful brute force attempt","High",["T1110"],"Lock the account, change its password or keys, check what the session did and restrict logins to keys from known addresses.")
alert("IOTA-003","Possible attempt to disable auditd logging","High",["T1562.012"],"Re-enable auditing (auditctl -e 1, start auditd) and find out who switched it off and what happened while it was off.")
alert("IOTA-004","Disable firewall","High",["T1562.004"],"Restore the firewall rules and policy and find out who changed them.")
alert("IOTA-005","Port forwarding detected","High",["T1090"],"Check whether the tunnel or forwarding is expected; stop it and close the exposed port if not.")
alert("IOTA-006","Web shell","High",["T1505.003"],"Inspect the web application for uploaded scripts and the web server's logs for the request that ran the command.")
alert("IOTA-007","Successful local login","High",["T1078"],"Confirm that someone was expected at the device's console or serial port.")
alert("IOTA-008","Encoded or binary command line","High",["T1027","T1140"],"Decode the payload to see what it ran and find the process that started it.")
alert("IOTA-010","Crypto coin miner process","Medium",["T1496"],"Kill the miner, remove its files and persistence, and find how it got onto the device.")
alert("IOTA-011","Crypto coin miner container image","Medium",["T1496"],"Remove the container and the image and check who deployed it.")
alert("IOTA-012","Privileged container detected","Medium",["T1611"],"Run the container without privileged mode or added capabilities unless the module really needs them.")
alert("IOTA-013","Exposed Docker daemon by TCP socket","Medium",["T1133"],"Bind the container engine's API to a Unix socket or loopback, or protect it with TLS client certificates.")
alert("IOTA-014","Possible backdoor: download then run","Medium",["T1105","T1059.004"],"Inspect the downloaded file and where it came from; remove it and anything it installed.")
alert("IOTA-015","Suspicious use of nohup","Medium",["T1059"],"Check the program nohup started from a temporary or hidden location.")
alert("IOTA-016","Suspicious use of useradd","Medium",["T1136.001"],"Check the new account (UID, home directory) and who created it; remove it if unexpected.")
alert("IOTA-017","Failed local login","Medium",["T1110"],"Check who is at the device's console or serial port.")
alert("IOTA-018","Known attack tool","Medium",["T1588.002"],"Find out who ran the tool and why; remove it if it is not part of an authorised test.")
alert("IOTA-019","Local host reconnaissance","Medium",["T1082","T1033"],"Check the session that ran the discovery commands and what it did next.")
alert("IOTA-020","Mismatch between script interpreter and file extension","Medium",["T1036"],"Look at the script: a file disguised by its extension is often malicious.")
alert("IOTA-021","Potential loss of data","Medium",["T1048"],"Check what was sent where, and rotate any credentials or keys it contained.")
alert("IOTA-022","Potential overriding of common files","Medium",["T1036.005"],"Verify the system binary against its package (dpkg --verify, rpm -V) and reinstall it.")
alert("IOTA-023","Removal of system log files","Medium",["T1070.002"],"Find out who removed the logs and what happened before; ship logs off the device.")
alert("IOTA-024","Space after filename","Medium",["T1036.006"],"Inspect the file with the disguised name and the process that ran it.")
alert("IOTA-025","Credential access tool or shadow file read","Medium",["T1003.008"],"Check who read the credentials and rotate the passwords or keys concerned.")
alert("IOTA-026","Suspicious compilation","Medium",["T1027.004"],"Check what was compiled in the temporary location and whether it was run.")
alert("IOTA-027","Behavior similar to common Linux bots","Medium",["T1105","T1070.004"],"Isolate the device, look for the bot's persistence and network peers, and reimage if in doubt.")
alert("IOTA-028","Behavior similar to ransomware","Medium",["T1485","T1486"],"Stop the process at once, isolate the device and restore the data from backups.")
alert("IOTA-029","Suspicious IP address communication","Medium",["T1071"],"Block the address and find the process and data involved.")
alert("IOTA-030","Bash history cleared","Low",["T1070.003"],"Find out who cleared the shell history and what the session did.")
alert("IOTA-031","Failed brute force attempt","Low",["T1110"],"Block the source address and make sure logins use keys, not passwords.")
alert("IOTA-032","Local user added to one or more groups","Low",["T1098"],"Check that the group membership is expected, especially for privileged groups.")
alert("IOTA-033","Local user deleted from one or more groups","Low",["T1098"],"Check that the group membership change is expected.")
alert("IOTA-034","Local user deletion detected","Low",["T1531"],"Check that the account deletion is expected.")
alert("IOTA-035","Local user added","Low",["T1136.001"],"Check that the new account is expected.")
alert("IOTA-040","Kernel module loaded","Medium",["T1547.006"],"Check the module (modinfo) and who loaded it; unload it if unexpected.")
alert("IOTA-041","Shell in a container","Medium",["T1609"],"Check who opened the shell in the container and what it did.")
alert("IOTA-042","Container escape attempt","High",["T1611"],"Stop the container, check the host for changes, and remove host mounts and privileges from it.")
alert("IOTA-043","Persistence through cron or systemd","Medium",["T1053.003","T1543.002"],"Review the new scheduled job or service and remove it if unexpected.")
alert("IOTA-044","Security module disabled","High",["T1562.001"],"Re-enable SELinux or AppArmor and find out who disabled it.")
alert("IOTA-045","Sudoers or SSH authorized keys modified","Medium",["T1098.004","T1548.003"],"Review the sudoers and authorized_keys files and remove entries nobody expects.")
alert("IOTA-046","Execution from a temporary location","Low",["T1059"],"Check the program run from the temporary or hidden location.")
alert("IOTA-C-AllowedProcesses","Process not on the allowed list","Medium",[],"Add the process to allowedProcesses if it is expected, otherwise investigate it.")
alert("IOTA-C-AllowedUsers","User not on the allowed list logged in","Medium",["T1078"],"Add the user to allowedUsers if expected, otherwise lock the account.")
alert("IOTA-C-AllowedOutbound","Outbound connection outside the allowed destinations","Medium",["T1071"],"Add the destination to allowedOutbound if expected, otherwise block it.")
alert("IOTA-C-FailedLoginRange","Number of failed logins outside the allowed range","Medium",["T1110"],"Check the failed logins of the window.")
alert("IOTA-C-ActiveConnectionsRange","Number of connections outside the allowed range","Medium",[],"Check the device's connections in the window.")

SHELLS = ["sh","bash","dash","zsh","ash","ksh","mksh","busybox"]
INTERP = ["python","python2","python3","perl","php","ruby","lua","node"]
import re
R = []
def rule(id, alert, **kw):
    d = {"id": id, "alert": alert}
    d.update(kw)
    R.append(d)
TMP = r"(^|[\s=])(/tmp|/dev/shm|/var/tmp|/run/shm)/"
WS = r"(^|\s)"
E = r"(\s|$)"
# 001 reverse shell
rule("reverse-shell-dev-tcp","IOTA-001", keywords=["/dev/tcp/","/dev/udp/"],
     match=[r"/dev/(tcp|udp)/(?<RemoteAddress>[^/\s\"]+)/(?<RemotePort>\d+)"],
     key=["RemoteAddress","RemotePort"],
     description="a shell's input/output was redirected to {RemoteAddress}:{RemotePort} by {User}: {CommandLine}")
rule("reverse-shell-netcat-exec","IOTA-001", program=["nc","ncat","netcat","nc.traditional","nc.openbsd","busybox"],
     match=[r"(^|\s)-[a-zA-Z]*[ec]\s*\S*(sh|bash|dash|zsh|python\S*|perl)\b", r"--(exec|sh-exec|lua-exec)[= ]"],
     description="netcat was started to hand a shell to a network peer by {User}: {CommandLine}")
rule("reverse-shell-socat","IOTA-001", program=["socat"],
     match=[r"(?i)(exec|system):[^\s]*(sh|bash|python|perl)\b.*tcp|(?i)tcp[^\s]*:.*(exec|system):[^\s]*(sh|bash|python|perl)\b"],
     description="socat connected a shell to the network, run by {User}: {CommandLine}")
rule("reverse-shell-fifo","IOTA-001", keywords=["mkfifo","mknod"],
     program=SHELLS,
     match=[r"(mkfifo|mknod)\s.*\|\s*(/bin/|/usr/bin/)?(sh|bash|dash)\b.*\|\s*(nc|ncat|netcat|telnet|openssl)\b|(mkfifo|mknod)\s.*(nc|ncat|netcat|telnet|openssl s_client)\b.*(sh|bash)\b"],
     description="a named pipe connects a shell with a network tool, run by {User}: {CommandLine}")
rule("reverse-shell-interpreter","IOTA-001", program=INTERP,
     match=[r"(?i)socket.*(connect|TCPSocket|fsockopen|new\s+Socket).*(/bin/(ba)?sh|pty\.spawn|subprocess|exec|dup2|\bsh\b)|(?i)fsockopen.*(exec|system|shell_exec|popen|proc_open)|(?i)TCPSocket\.(new|open).*(exec|spawn|system|sh)"],
     description="a script one-liner connects a shell to the network, run by {User}: {CommandLine}")
rule("reverse-shell-shell-connects","IOTA-001", on="ConnectionCreate",
     fields={"Direction": "^Out$", "Protocol": "^tcp$", "Executable": r"/(bash|sh|dash|zsh|ksh|ash|mksh)$"},
     key=["RemoteAddress","RemotePort"],
     description="the shell {Executable} itself opened a TCP connection to {RemoteAddress}:{RemotePort} (user {User})")
# 003 auditd
rule("auditd-auditctl","IOTA-003", program=["auditctl"],
     match=[r"(^|\s)-e\s*0(\s|$)", r"(^|\s)-D(\s|$)", r"(^|\s)-a\s+(never|exit,never|never,\w+)\b.*"],
     unless=[r"-F\s+key=|\s-k\s"],
     description="auditing was switched off or its rules deleted by {User}: {CommandLine}")
rule("auditd-service","IOTA-003", program=["systemctl","service"],
     match=[r"(^|\s)(stop|disable|mask|kill)\s+(.*\s)?auditd?(\.service)?(\s|$)", r"(^|\s)auditd?\s+stop(\s|$)"],
     description="the audit daemon was stopped or disabled by {User}: {CommandLine}")
rule("auditd-kill","IOTA-003", program=["kill","pkill","killall"],
     match=[r"(^|\s)(-\S+\s+)*(auditd|/sbin/auditd)(\s|$)"],
     description="the audit daemon was killed by {User}: {CommandLine}")
# 004 firewall
IPT = ["iptables","ip6tables","iptables-legacy","ip6tables-legacy","iptables-nft","ip6tables-nft"]
rule("firewall-iptables","IOTA-004", program=IPT,
     match=[r"(^|\s)(-F|--flush|-X|--delete-chain)(\s|$)", r"(^|\s)(-P|--policy)\s+\S+\s+ACCEPT(\s|$)"],
     description="firewall rules were flushed or a chain opened by {User}: {CommandLine}")
rule("firewall-nft","IOTA-004", program=["nft"],
     match=[r"(^|\s)flush\s+ruleset", r"(^|\s)delete\s+table\s", r"policy\s+accept"],
     description="the nftables rule set was flushed or opened by {User}: {CommandLine}")
rule("firewall-ufw","IOTA-004", program=["ufw"], match=[r"(^|\s)(disable|reset)(\s|$)", r"default\s+allow\s+incoming"],
     description="ufw was disabled by {User}: {CommandLine}")
rule("firewall-service","IOTA-004", program=["systemctl","service"],
     match=[r"(^|\s)(stop|disable|mask)\s+(.*\s)?(firewalld|nftables|netfilter-persistent|ufw|iptables|ip6tables)(\.service)?(\s|$)",
            r"(^|\s)(firewalld|nftables|netfilter-persistent|ufw|iptables)\s+stop(\s|$)"],
     description="the firewall service was stopped by {User}: {CommandLine}")
# 005 port forwarding
rule("forward-ssh","IOTA-005", program=["ssh"], match=[r"(^|\s)-[a-zA-Z]*[LRD]\s*\S+", r"(^|\s)-o\s*\"?(LocalForward|RemoteForward|DynamicForward)"],
     description="an SSH tunnel was opened by {User}: {CommandLine}")
rule("forward-socat","IOTA-005", program=["socat"], match=[r"(?i)tcp\d?-listen:\S*fork\S*\s+\S*tcp\d?:", r"(?i)tcp\d?-listen:\S*\s+\S*tcp\d?(-connect)?:"],
     unless=[r"(?i)(exec|system):"],
     description="socat forwards a listening port to another address, run by {User}: {CommandLine}")
rule("forward-iptables-nat","IOTA-005", program=IPT, match=[r"(-t|--table)\s+nat\b.*-j\s+(DNAT|REDIRECT)", r"-j\s+(DNAT|REDIRECT).*(-t|--table)\s+nat\b"],
     unless=[r"(^|\s)(-D|--delete|-L|--list|-S|--list-rules|-C|--check)(\s|$)"],
     description="a port is forwarded by a NAT rule added by {User}: {CommandLine}")
rule("forward-nft-nat","IOTA-005", program=["nft"], match=[r"\b(dnat|redirect)\s+to\b"],
     description="a port is forwarded by an nftables NAT rule added by {User}: {CommandLine}")
rule("forward-sysctl","IOTA-005", program=["sysctl"], match=[r"net\.ipv4\.ip_forward\s*=\s*1|net\.ipv4\.conf\.\S+\.forwarding\s*=\s*1|net\.ipv6\.conf\.\S+\.forwarding\s*=\s*1"],
     description="IP forwarding was switched on at run time by {User}: {CommandLine}")
rule("forward-tools","IOTA-005", program=["chisel","ngrok","frpc","frps","gost","rathole","bore","cloudflared","iodine","dnscat","dnscat2","ptunnel"],
     description="the tunnelling tool {Executable} was run by {User}: {CommandLine}")
# 006 web shell
rule("web-shell","IOTA-006", parent=["nginx","apache2","httpd","lighttpd","php-fpm","php-fpm7.4","php-fpm8.1","php-fpm8.2","php-fpm8.3","php-cgi","uwsgi","caddy","tomcat"],
     program=SHELLS + ["python","python3","perl","ruby","nc","ncat","curl","wget","id","whoami","uname"],
     description="{Executable} was started by the web server {ParentExecutable}: {CommandLine}")
# 007 / 017 local login
LOCALTTY = r"^(/dev/)?(tty\d+|ttyS\d+|ttyAMA\d+|ttyUSB\d+|ttymxc\d+|console|hvc\d+)$"
rule("local-login","IOTA-007", on="Login", fields={"Result": "^Success$", "ExtraDetails.RecordType": "^USER_LOGIN$", "ExtraDetails.Terminal": LOCALTTY},
     notFields={"Executable": r"/sshd$"}, key=["User","Terminal"],
     description="user {User} logged in on the local terminal {Terminal}")
rule("local-login-failed","IOTA-017", on="Login", fields={"Result": "^Fail$", "ExtraDetails.Terminal": LOCALTTY},
     notFields={"Executable": r"/sshd$"}, key=["User","Terminal"],
     description="a login as {User} failed on the local terminal {Terminal}")
# 008 encoded
rule("encoded-shell-c","IOTA-008", program=SHELLS, keywords=["base64","b64","xxd","base32","openssl"],
     match=[r"(base64|base32|b64)\s+(-d|--decode|-D)\b.*\|\s*(sudo\s+)?(/bin/|/usr/bin/)?(ba|da|z|k)?sh\b", r"xxd\s+-r.*\|\s*(ba)?sh\b", r"openssl\s+(base64|enc).*-d.*\|\s*(ba)?sh\b"],
     description="an encoded payload is decoded into a shell by {User}: {CommandLine}")
rule("encoded-interpreter","IOTA-008", program=INTERP, match=[r"(?i)(exec|eval|system)\s*\(.*(b64decode|base64_decode|decode_base64|unpack\(\s*['\"]m|frombase64|Buffer\.from\(.*base64)", r"(?i)(b64decode|base64_decode|decode_base64).*(exec|eval|system)\s*\("],
     description="a script decodes an encoded payload and runs it, started by {User}: {CommandLine}")
rule("encoded-nonprintable","IOTA-008", program=SHELLS + INTERP, match=[r"[\x00-\x08\x0e-\x1f\x7f]"],
     description="a command line with non-printable bytes was run by {User}: {CommandLine}")
# 010 miner
MINERS = ["xmrig","xmrig-notls","cpuminer","cpuminer-multi","minerd","xmr-stak","xmr-stak-cpu","ccminer","ethminer","nbminer","t-rex","lolminer","phoenixminer","cgminer","bfgminer","nanominer","gminer","teamredminer","srbminer","srbminer-multi","kdevtmpfsi","kinsing","xmr","minergate-cli","nheqminer","sgminer"]
rule("miner-program","IOTA-010", program=MINERS,
     description="the crypto miner {Executable} was started by {User}: {CommandLine}")
rule("miner-executable","IOTA-010", executable=[r"(?i)/(xmrig|minerd|cpuminer|xmr-stak|ccminer|ethminer|nbminer|lolminer|phoenixminer|nanominer|kdevtmpfsi|kinsing)[^/]*$"],
     description="the crypto miner {Executable} was started by {User}: {CommandLine}")
rule("miner-arguments","IOTA-010", keywords=["stratum+","--donate-level","--coin","pool.","xmr.","nicehash","moneroocean","minexmr","supportxmr","nanopool","2miner","f2pool","hashvault","--cpu-priority","--randomx"],
     match=[r"stratum\+(tcp|ssl|tls)://", r"--donate-level[= ]", r"(?i)--coin[= ](monero|xmr|eth|etc|rvn)\b", r"(?i)\b[\w.-]*(nicehash|moneroocean|minexmr|supportxmr|nanopool|2miners?|f2pool|hashvault|herominers|c3pool)\.(com|net|org|io|stream)\b", r"--randomx-"],
     unless=[r"^(\S*/)?(grep|egrep|zgrep|rg|ag|find|locate|man|apropos|vim?|nano|less|more|cat|echo)\s"],
     description="a process was started with crypto-mining arguments by {User}: {CommandLine}")
rule("miner-pool-port","IOTA-010", on="ConnectionCreate", fields={"Direction": "^Out$", "RemotePort": "^(3333|3334|3335|5555|7777|14433|14444|45560|45700|9999|8333)$"},
     notFields={"Executable": r"/(bitcoind|monerod|java|node|python\d?(\.\d+)?|ssh|sshd|curl|wget|firefox|chrom\w*|docker-proxy|containerd\S*|dockerd)$", "RemoteAddress": r"^(127\.|::1$|::ffff:127\.)"},
     key=["Executable","RemoteAddress","RemotePort"],
     description="{Executable} connected to {RemoteAddress}:{RemotePort}, a crypto-mining pool port")
# 013 docker exposed
rule("docker-tcp","IOTA-013", program=["dockerd","containerd","podman"], match=[r"(-H|--host)[= ]?\s*\"?tcp://(?!(127\.\d+\.\d+\.\d+|localhost|\[::1\])[:/])", r"(-H|--host)[= ]?\s*\"?tcp://:\d+", r"\bsystem\s+service\b.*tcp://(?!(127\.|localhost))"],
     description="the container engine was started listening on TCP: {CommandLine}")
rule("docker-listening","IOTA-013", on="ListeningPorts", fields={"Executable": r"/(dockerd|podman|containerd)$", "LocalAddress": r"^(?!127\.|::1$|::ffff:127\.)", "Protocol": "^tcp"},
     notFields={"LocalPort": "^$"}, key=["Executable","LocalPort"],
     description="the container engine listens on TCP {LocalAddress}:{LocalPort}")
# 014 download piped into shell (in a -c string)
rule("download-pipe-shell","IOTA-014", program=SHELLS, keywords=["curl","wget"],
     match=[r"(curl|wget)\s[^|;&]*\|\s*(sudo\s+)?(\S*/)?(ba|da|z|k)?sh\b", r"(ba)?sh\s+(-c\s+)?\"?\$\((curl|wget)\s", r"(ba)?sh\s+<\(\s*(curl|wget)\s"],
     description="a download is piped into a shell by {User}: {CommandLine}")
# 015 nohup
rule("nohup-temp","IOTA-015", program=["nohup"], match=[r"^\S+\s+(-\S+\s+)*(\S+\s+)?\"?(/tmp/|/dev/shm/|/var/tmp/|\./\.|\S*/\.[^/\s]+/|\.[^/\s]+$)"],
     description="nohup started a program from a temporary or hidden location, run by {User}: {CommandLine}")
# 016 suspicious useradd / 035 user added
rule("useradd-uid0","IOTA-016", program=["useradd","adduser"], match=[r"(^|\s)(-u|--uid)[= ]?\s*0+(\s|$)", r"(^|\s)(-o|--non-unique)(\s|$)", r"(^|\s)(-d|--home|--home-dir)[= ]?\s*\"?(/tmp|/dev/shm|/var/tmp)(/|\s|$)"],
     key=["User","CommandLine"],
     description="a user was created with UID 0, a duplicate UID or a home in a temporary path by {User}: {CommandLine}")
rule("useradd-odd-parent","IOTA-016", program=["useradd","adduser"], parent=["nginx","apache2","httpd","php-fpm","php-fpm8.2","php-cgi","php","nc","ncat","socat","lighttpd","uwsgi","tomcat"],
     description="a user was created by {ParentExecutable}, not an administrator's tool: {CommandLine}")
rule("user-added","IOTA-035", program=["useradd","adduser","newusers"],
     match=[r"(?<TargetUser>[^\s\"-][^\s\"]*)\"?\s*$"], unless=[r"(^|\s)(-h|--help|-D|--defaults)(\s|$)", r"^\S*add(user|group)\s+(--(home|shell|gecos|uid|gid|ingroup|firstuid|lastuid|conf|comment|firstgid|lastgid|add_extra_groups|extrausers)\\s+\\S+\\s+|--\\S+\\s+)*[^\s\"-]\S*\s+[^\s\"-]\S*\s*$", r"(^|\s)(-u|--uid)[= ]?\s*0+(\s|$)", r"(^|\s)(-o|--non-unique)(\s|$)", r"(^|\s)(-d|--home|--home-dir)[= ]?\s*\"?(/tmp|/dev/shm|/var/tmp)(/|\s|$)"],
     notParent=["adduser"], key=["TargetUser"],
     description="the local user {TargetUser} was added by {User}: {CommandLine}")
rule("user-added-record","IOTA-035", on="AccountChange", fields={"RecordType": "^ADD_USER$", "Result": "^Success$", "UserName": r"^[^(]"},
     notFields={"Executable": r"/(useradd|adduser|newusers)$"},
     key=["TargetUser"],
     description="a local user was added (audit record) by {Executable}")
# 018 attack tools
rule("attack-tool","IOTA-018", program=["nmap","masscan","zmap","hydra","medusa","ncrack","john","hashcat","sqlmap","nikto","msfconsole","msfvenom","msfrpcd","linpeas.sh","linpeas","linenum.sh","LinEnum.sh","pspy","pspy64","pspy32","mimipenguin","mimipenguin.sh","lazagne","laZagne","chisel","gobuster","dirb","wfuzz","ffuf","responder","crackmapexec","enum4linux","searchsploit","beef-xss","bettercap","ettercap","aircrack-ng","unix-privesc-check","linux-exploit-suggester.sh","les.sh"], unless=[r"^\S*unshadow\s"],
     description="the attack tool {Executable} was run by {User}: {CommandLine}")
rule("attack-tool-script","IOTA-018", program=SHELLS + INTERP, match=[r"(?i)(^|[\s/])(linpeas|linenum|lse|linux-exploit-suggester|les|pspy\d*|mimipenguin|lazagne|unix-privesc-check)(\.sh|\.py)?(\s|$)"],
     description="the attack script in {CommandLine} was run by {User}")
# 020 interpreter/extension mismatch
rule("interp-mismatch-python","IOTA-020", program=["python","python2","python3","python3.9","python3.10","python3.11","python3.12"], match=[r"^\S+\s+(-[a-zA-Z]+\s+)*\"?[^\s-][^\s]*\.(sh|pl|rb|php|js|bash)\"?(\s|$)"],
     description="python was run on a file with another language's extension by {User}: {CommandLine}")
rule("interp-mismatch-shell","IOTA-020", program=["sh","bash","dash","zsh","ksh","ash"], match=[r"^\S+\s+(-[a-zA-Z]+\s+)*\"?[^\s-][^\s]*\.(py|pl|rb|php|js)\"?(\s|$)"],
     description="a shell was run on a file with another language's extension by {User}: {CommandLine}")
rule("interp-mismatch-perl","IOTA-020", program=["perl","ruby","php","node"], match=[r"^\S+\s+(-[a-zA-Z]+\s+)*\"?[^\s-][^\s]*\.(sh|py|bash)\"?(\s|$)"],
     description="an interpreter was run on a file with another language's extension by {User}: {CommandLine}")
# 021 loss of data
SENS = r"(/etc/(shadow|passwd|gshadow|sudoers|ssh)|/etc\b(\s|$)|/home\b|/root\b|\.ssh/|id_(rsa|dsa|ecdsa|ed25519)|\.aws/|\.kube/|\.gnupg|/var/lib/(aziot|iotedge))"
rule("exfil-pipeline","IOTA-021", program=SHELLS, keywords=["nc","curl","socat","openssl","ncat","telnet","/dev/tcp"],
     match=[r"(tar|zip|cat|base64|gzip|dd|cpio|xxd)\s[^|]*" + SENS + r"[^|]*\|\s*(\S+\s+)*(\S*/)?(nc|ncat|netcat|socat|curl|openssl|telnet)\b", r"(\S*/)?(nc|ncat|netcat|socat|telnet)\s[^<|]*<\s*\S*" + SENS, r"(tar|zip|cat|base64|gzip|dd|cpio)\s[^|>]*" + SENS + r"[^|>]*>\s*/dev/(tcp|udp)/"],
     description="sensitive files are archived or read and sent over the network by {User}: {CommandLine}")
rule("exfil-curl-upload","IOTA-021", program=["curl","wget"], match=[r"(-T|--upload-file|-F|--form|--data-binary|-d|--data|--post-file|--body-file)[= ]?\s*\"?[^\s]*@?" + SENS],
     description="sensitive files are uploaded by {User}: {CommandLine}")
rule("exfil-scp","IOTA-021", program=["scp","rsync","sftp"], match=[r"\s\S*(/etc/shadow|/etc/gshadow|id_(rsa|dsa|ecdsa|ed25519)(?!\.pub)|/etc/ssh/ssh_host_\w+_key(?!\.pub)|\.aws/credentials|\.kube/config)\S*\s+\S+:"],
     description="key material or password hashes are copied off the device by {User}: {CommandLine}")
# 022 overriding common files
rule("override-system-binary","IOTA-022", program=["cp","mv","install","dd","ln","rsync","tee","cat"],
     match=[r"\s\"?(/usr)?/s?bin/[^\s/\"]+\"?\s*$", r"(^|\s)of=(/usr)?/s?bin/\S+", r"(^|\s)(-t|--target-directory)[= ]?\s*(/usr)?/s?bin/?(\s|$)"],
     notParent=["dpkg","apt","apt-get","rpm","yum","dnf","apk","opkg","pip","pip3","snap","snapd","make","cmake","ninja","update-alternatives","ldconfig","unattended-upgrade","packagekitd"],
     unless=[r"(^|\s)(-s|--symbolic)\s.*/(usr/)?(local/)?s?bin/", r"^\S*cat\s+/(usr/)?s?bin"],
     description="a system binary was replaced or written by {User}: {CommandLine}")
# 023 log removal
rule("log-removal","IOTA-023", program=["rm","shred","truncate","unlink","srm","wipe"],
     match=[r"(^|\s)\"?/var/log/\S*(?<!\.\d)(?<!\.gz)(?<!\.xz)(?<!\.bz2)(?<!\.zst)(?<!\.old)(?<!/)(?=\s|\"|$)", r"(^|\s)\S*/(wtmp|btmp|lastlog|utmp)(\s|$)"],
     notParent=["dpkg","apt","apt-get","logrotate","rpm","yum","dnf","apk"],
     description="system log files were removed or wiped by {User}: {CommandLine}")
rule("log-vacuum","IOTA-023", program=["journalctl"], match=[r"--vacuum-(size|time|files)", r"--rotate.*--vacuum"],
     description="the system journal was vacuumed by {User}: {CommandLine}")
rule("log-wipe-redirect","IOTA-023", program=SHELLS, keywords=["/var/log"],
     match=[r"(^|[;&|(]\s*|-c\s+\"?)(:\s*|true\s*|cat\s+/dev/null\s*|echo\s*(\"\"|'')?\s*|printf\s*(\"\"|'')\s*)?>\s*/var/log/\S+", r"(^|[;&|(]\s*|-c\s+\"?)(rm|shred|truncate)\s[^;|&]*/var/log/"],
     description="system log files were wiped by {User}: {CommandLine}")
# 024 space after filename / masquerading
rule("masquerade-trailing-space","IOTA-024", executable=[r"\s$", r"/\.\.\.?/", r"/\.\s", r"\s/"],
     description="{Executable} (a name with a trailing space or dots) was run by {User}: {CommandLine}")
rule("masquerade-system-name-temp","IOTA-024", executable=[r"^(/tmp|/dev/shm|/var/tmp|/run/shm)/(.*/)?(ls|ps|netstat|ss|top|sshd|bash|sh|cron|crond|systemd|kworker\S*|init|login|sudo|su|dbus-daemon|rsyslogd|udevd|agetty|getty|ifconfig|ip|iptables|lsof|find|id|who|w|curl|wget|python\d?|perl)$"],
     description="{Executable}, named like a system program, was run from a temporary path by {User}")
# 025 credential access
rule("cred-tools","IOTA-025", program=["mimipenguin","mimipenguin.sh","lazagne","laZagne","unshadow","truffleproc","3snake","swap_digger"],
     description="the credential dumping tool {Executable} was run by {User}: {CommandLine}")
rule("cred-shadow-read","IOTA-025", program=["cat","less","more","head","tail","cp","grep","strings","base64","xxd","od","hexdump","tar","zip","nano","vi","vim","python","python3","perl","awk","sed","dd","scp","nc","curl","openssl","gzip"],
     match=[r"(^|\s|=)/etc/(g?shadow-?)(\s|$)", r"(^|\s|=)\S*/\.ssh/id_(rsa|dsa|ecdsa|ed25519)(\s|$)", r"(^|\s|=)/etc/ssh/ssh_host_\w+_key(\s|$)", r"(^|\s|=)/root/\.ssh/id_\w+(\s|$)"],
     unless=[r"(^|\s)(-i|--identity)\s"],
     description="password hashes or SSH private keys were read by {User}: {CommandLine}")
# 026 suspicious compilation
rule("compile-temp","IOTA-026", program=["gcc","cc","clang","g++","c++","tcc","gcc-12","gcc-13","gcc-11","clang-14","clang-15","x86_64-linux-gnu-gcc","aarch64-linux-gnu-gcc","arm-linux-gnueabihf-gcc","musl-gcc","go","rustc"],
     match=[r"\s\"?(/tmp|/dev/shm|/var/tmp|/run/shm)/[^\s]*\.(c|cc|cpp|s|S|go|rs)\"?(\s|$)", r"(^|\s)-o\s*\"?(/tmp|/dev/shm|/var/tmp)/\S+"],
     unless=[r"/tmp/(cc\w{6}|ccache|pip-|go-build|tmp\w+/|rust|cargo|build-|bazel|makepkg|yay)", r"(^|\s)(-E|-M|-MM|--version|-v|-dumpversion|-print-\S+)(\s|$)"],
     notParent=["pip","pip3","python","python3","dpkg-buildpackage","debuild","cmake","ninja","configure","cargo","go","rustc","apt","apt-get","dkms","make"],
     description="code was compiled in a temporary location by {User}: {CommandLine}")
rule("compile-temp-cwd","IOTA-026", program=["gcc","cc","clang","tcc","make"], fields={"ExtraDetails.Cwd": r"^(/tmp|/dev/shm|/var/tmp)(/\.[^/]*|/[^/]*)?$"},
     notFields={"ExtraDetails.Cwd": r"^/tmp/(pip-|go-build|tmp|cargo|rust|build)"},
     notParent=["pip","pip3","python","python3","dpkg-buildpackage","cmake","ninja","configure","cargo","go","dkms","make"],
     unless=[r"(^|\s)(-E|--version|-v|-dumpversion|-print-\S+)(\s|$)"],
     description="code was compiled in the temporary directory {CommandLine} by {User}")
# 027 bots: killing competitors
rule("bot-kill-competitors","IOTA-027", program=["pkill","killall","kill","pgrep"],
     match=[r"(?i)(xmrig|minerd|cpuminer|kinsing|kdevtmpfsi|mirai|gafgyt|tsunami|watchbog|kthreaddi|xmr-stak|ddgs|dbused|networkservice|sysupdate|\.x86|\.arm|\.mips)"],
     unless=[r"^\S*pgrep\s"],
     description="competing miners or bots are being killed, as Linux bots do: {CommandLine}")
# 028 ransomware: mass deletion
rule("ransom-mass-rm","IOTA-028", program=["rm","shred","find"],
     match=[r"^\S*rm\s+(-\S+\s+)*-[a-zA-Z]*[rR][a-zA-Z]*\s+(-\S+\s+)*\"?(/|/\*|/home/?\*?|/var/www/?\*?|/etc/?\*?|/root/?\*?|/opt/?\*?|/srv/?\*?|/var/lib/?\*?|/usr/?\*?|/boot/?\*?|/data/?\*?|/mnt/?\*?)\"?(\s|$)", r"--no-preserve-root", r"^\S*find\s+\"?(/|/home|/var/www|/etc|/root|/opt|/srv|/data|/mnt)\"?\s.*(-delete|-exec\s+(rm|shred|openssl|gpg))"],
     description="data or system locations are being deleted en masse by {User}: {CommandLine}")
# 030 history
rule("history-clear-files","IOTA-030", program=["rm","shred","truncate","unlink","ln","cp","mv","srm"],
     match=[r"(^|[\s/])\.(bash|zsh|sh|ash|ksh|mysql|psql|python)_history(\s|$)|(^|[\s/])\.history(\s|$)"],
     unless=[r"^\S*(cp|mv)\s+\S*history\S*\s+\S*backup"],
     description="a shell history file was deleted or redirected by {User}: {CommandLine}")
rule("history-clear-shell","IOTA-030", program=SHELLS + ["env","export"], keywords=["hist"],
     match=[r"(^|[\s;&|(\"])history\s+-[cw]\b", r"unset\s+HISTFILE", r"HISTFILE=(/dev/null|\"\"|''|\s|$)", r"HISTSIZE=0|HISTFILESIZE=0", r"set\s+\+o\s+history", r">\s*\S*\.(bash|zsh)_history"],
     description="shell history was cleared or switched off by {User}: {CommandLine}")
# 032/033/034 groups & deletion
PRIV = r"(^|[\s,=])(root|sudo|wheel|adm|docker|disk|shadow|admin|lxd|libvirt|kvm|video|systemd-journal|iotedge|aziotks|aziotcs|aziotid)(,|\s|$)"
rule("group-add-usermod","IOTA-032", program=["usermod"], match=[r"(^|\s)(-[a-zA-Z]*a[a-zA-Z]*G|-[a-zA-Z]*G[a-zA-Z]*a|--append)(\s|$).*?(?<TargetUser>[^\s\"-]\S*)\s*$", r"(^|\s)(-G|--groups)[= ]?\s*\S+\s+(.*\s)?(?<TargetUser>[^\s\"-]\S*)\s*$"],
     key=["TargetUser"], severity="Low", escalate={"match": PRIV, "severity": "Medium"},
     description="user {TargetUser} was added to groups by {User}: {CommandLine}")
rule("group-add-gpasswd","IOTA-032", program=["gpasswd"], match=[r"(^|\s)(-a|--add)\s+(?<TargetUser>\S+)\s+\S+"],
     key=["TargetUser"], severity="Low", escalate={"match": r"(-a|--add)\s+\S+\s+(root|sudo|wheel|adm|docker|disk|shadow|admin|lxd)(\s|$)", "severity": "Medium"},
     description="user {TargetUser} was added to a group by {User}: {CommandLine}")
rule("group-add-adduser","IOTA-032", program=["adduser","addgroup"], match=[r"^\S+\s+(--(home|shell|gecos|uid|gid|ingroup|firstuid|lastuid|conf|comment|firstgid|lastgid|add_extra_groups|extrausers)\\s+\\S+\\s+|--\\S+\\s+)*(?<TargetUser>[^\s\"-]\S*)\s+(?<Group>[^\s\"-]\S*)\s*$"],
     key=["TargetUser"], severity="Low", escalate={"match": PRIV + r"\s*$", "severity": "Medium"},
     description="user {TargetUser} was added to group {Group} by {User}: {CommandLine}")
rule("group-add-record","IOTA-032", on="AccountChange", fields={"Operation": r"(?i)add(ing)?[- ]user[- ]to[- ]group|add-to-group", "Result": "^Success$"},
     notFields={"Executable": r"/(usermod|gpasswd|adduser|useradd|addgroup)$"},
     key=["TargetUser"],
     description="a user was added to a group (audit record) by {Executable}")
rule("group-del-gpasswd","IOTA-033", program=["gpasswd"], match=[r"(^|\s)(-d|--delete)\s+(?<TargetUser>\S+)\s+\S+"],
     key=["TargetUser"], description="user {TargetUser} was removed from a group by {User}: {CommandLine}")
rule("group-del-deluser","IOTA-033", program=["deluser","delgroup"], match=[r"^\S+\s+(--\S+\s+)*(?<TargetUser>[^\s\"-]\S*)\s+(?<Group>[^\s\"-]\S*)\s*$"],
     key=["TargetUser"], description="user {TargetUser} was removed from group {Group} by {User}: {CommandLine}")
rule("group-del-record","IOTA-033", on="AccountChange", fields={"Operation": r"(?i)(delete|remov)(ing)?[- ]user[- ]from[- ]group|removed\s.*from group", "Result": "^Success$"},
     notFields={"Executable": r"/(usermod|gpasswd|deluser|delgroup)$"},
     key=["TargetUser"], description="a user was removed from a group (audit record) by {Executable}")
rule("user-del","IOTA-034", program=["userdel","deluser"], match=[r"^\S+\s+(-\S+\s+)*(?<TargetUser>[^\s-]\S*)\s*$"],
     unless=[r"(^|\s)--group(\s|$)", r"^\S*deluser\s+(--\S+\s+)*[^\s\"-]\S*\s+[^\s\"-]\S*\s*$"],
     notParent=["deluser"], key=["TargetUser"], description="the local user {TargetUser} was deleted by {User}: {CommandLine}")
rule("user-del-record","IOTA-034", on="AccountChange", fields={"RecordType": "^DEL_USER$", "Result": "^Success$", "UserName": r"^[^(]"},
     notFields={"Executable": r"/(userdel|deluser)$"}, key=["TargetUser"],
     description="a local user was deleted (audit record) by {Executable}")
# 040 kernel modules
rule("kmod-load","IOTA-040", program=["insmod","modprobe"],
     unless=[r"(^|\s)(-r|--remove|-n|--dry-run|--show-depends|-c|--showconfig|-D|-V|--version|--help|-h|--resolve-alias|-R)(\s|$)"],
     notFields={"ParentProcessId": "^2$"},
     notParent=["systemd-udevd","udevd","systemd-modules-load","dpkg","apt","apt-get","update-initramfs","dkms","kthreadd","kworker","mkinitramfs","iptables","ip6tables","xtables-nft-multi","xtables-legacy-multi","nft","ufw","firewalld","dockerd","containerd","iotedge","aziot-edged","systemd","ip"],
     description="a kernel module was loaded at run time by {User}: {CommandLine}")
# 041 shell in container
rule("container-exec-shell","IOTA-041", on="ContainerEvent", fields={"Action": "^exec_(create|start)$", "Command": r"^(\S*/)?(sh|bash|dash|ash|zsh|ksh|busybox\s+sh)(\s+-[il]+)*\s*$"},
     key=["ContainerId","Command"], description="a shell ({Command}) was exec'd into container {ContainerName}")
rule("container-shell-process","IOTA-041", program=["sh","bash","dash","ash","zsh","ksh"], fields={"ContainerId": ".+"},
     parent=["runc","runc:[2:INIT]","containerd-shim","containerd-shim-runc-v2","docker-init","crun","conmon","runc:[1:CHILD]"],
     key=["ContainerId","CommandLine"], description="a shell was started in container {ContainerName} by the container runtime: {CommandLine}")
# 042 container escape
rule("escape-nsenter","IOTA-042", program=["nsenter"], match=[r"(-t|--target)[= ]?\s*1(\s|$).*(-[a-zA-Z]*[mapi]|--mount|--all|--pid)|(-[a-zA-Z]*[mapi]|--mount|--all).*(-t|--target)[= ]?\s*1(\s|$)"],
     description="nsenter into PID 1's namespaces, run by {User}: {CommandLine}")
rule("escape-chroot-host","IOTA-042", program=["chroot"], match=[r"\s/(host|hostfs|rootfs|mnt/host|proc/1/root)(/|\s|$)"],
     description="a chroot into the host's file system, run by {User}: {CommandLine}")
rule("escape-mount-host-disk","IOTA-042", program=["mount"], fields={"ContainerId": ".+"}, match=[r"\s/dev/(sd[a-z]|nvme\d|mmcblk\d|vd[a-z]|xvd[a-z]|hd[a-z]|dm-\d|mapper/)\S*"],
     description="a host block device was mounted inside container {ContainerName}: {CommandLine}")
rule("escape-docker-socket","IOTA-042", program=["curl","docker","socat","nc","ncat","python","python3","wget"], fields={"ContainerId": ".+"}, match=[r"docker\.sock|containerd\.sock|(-H|--host)[= ]?\s*unix://"],
     description="the container engine's socket was used from inside container {ContainerName}: {CommandLine}")
rule("escape-release-agent","IOTA-042", program=SHELLS + ["echo","tee"], keywords=["release_agent","notify_on_release","core_pattern"],
     match=[r"release_agent|notify_on_release|/proc/sys/kernel/core_pattern"],
     description="a cgroup release agent or core pattern was written, a container escape technique, by {User}: {CommandLine}")
# 043 persistence
rule("persist-crontab","IOTA-043", program=["crontab"], unless=[r"(^|\s)(-l|-r|--list|-V|-h|--help|-T)(\s|$)"],
     description="a crontab was edited or replaced by {User}: {CommandLine}")
rule("persist-cron-write","IOTA-043", program=["cp","mv","tee","install","ln","rsync","dd","sed"],
     match=[r"\s\"?(of=)?(/etc/cron(\.d|\.daily|\.hourly|\.weekly|\.monthly|tab)|/var/spool/cron)(/\S*)?\"?\s*$", r"\s\"?(/etc/systemd/system|/lib/systemd/system|/usr/lib/systemd/system|/etc/init\.d|/etc/rc\.local|~?/\.config/systemd/user|\S*/\.config/systemd/user)/\S*\"?\s*$"],
     notParent=["dpkg","apt","apt-get","rpm","yum","dnf","apk","opkg","deb-systemd-helper","systemctl","run-parts","unattended-upgrade"],
     unless=[r"^\S*sed\s+-n"],
     description="a scheduled job or service definition was written by {User}: {CommandLine}")
rule("persist-shell-write","IOTA-043", program=SHELLS, keywords=["/etc/cron","/var/spool/cron","/etc/systemd/system","crontab"],
     match=[r">>?\s*\"?(/etc/cron\S*|/var/spool/cron\S*|/etc/systemd/system/\S+|/etc/rc\.local)", r"\|\s*crontab\s+-(\s|$)"],
     description="a scheduled job or service definition was written by {User}: {CommandLine}")
rule("persist-systemctl-temp","IOTA-043", program=["systemctl"], match=[r"(enable|link|start)\s+(.*\s)?\"?(/tmp|/dev/shm|/var/tmp)/\S+"],
     description="a systemd unit from a temporary path was enabled by {User}: {CommandLine}")
# 044 security module
rule("lsm-setenforce","IOTA-044", program=["setenforce"], match=[r"\s(0|[Pp]ermissive)\s*$"],
     description="SELinux was set to permissive by {User}: {CommandLine}")
rule("lsm-apparmor-tools","IOTA-044", program=["aa-teardown","aa-disable"],
     description="AppArmor was torn down or a profile disabled by {User}: {CommandLine}")
rule("lsm-apparmor-parser","IOTA-044", program=["apparmor_parser"], match=[r"(^|\s)(-R|--remove)(\s|$)"],
     notParent=["dpkg","apt","apt-get","snapd","snap","systemd"],
     description="AppArmor profiles were unloaded by {User}: {CommandLine}")
rule("lsm-service","IOTA-044", program=["systemctl","service"], match=[r"(^|\s)(stop|disable|mask|teardown)\s+(.*\s)?apparmor(\.service)?(\s|$)", r"(^|\s)apparmor\s+(stop|teardown)(\s|$)"],
     description="AppArmor was stopped by {User}: {CommandLine}")
rule("lsm-selinux-config","IOTA-044", program=["sed","tee","cp"], match=[r"SELINUX=(disabled|permissive).*?/etc/(selinux/config|sysconfig/selinux)"],
     description="SELinux was disabled in its configuration by {User}: {CommandLine}")
# 045 sudoers / authorized keys
rule("sudoers-keys-write","IOTA-045", program=["tee","cp","mv","install","ln","sed","dd","rsync","chattr","truncate"],
     match=[r"(\s|=)\"?(/etc/sudoers(\.d/\S*)?|\S*/\.ssh/authorized_keys2?)\"?\s*$", r"(^|\s)-i\S*\s.*(/etc/sudoers(\.d/\S*)?|/\.ssh/authorized_keys2?)(\s|$)"],
     notParent=["dpkg","apt","apt-get","rpm","yum","dnf","apk","cloud-init","ssh-copy-id","ssh-import-id","sshd"],
     description="{CommandLine} changed the sudoers or SSH authorized keys (user {User})")
rule("sudoers-keys-shell","IOTA-045", program=SHELLS, keywords=["sudoers","authorized_keys"],
     match=[r">>?\s*\"?(/etc/sudoers(\.d/\S*)?|\S*/\.ssh/authorized_keys2?)"],
     notParent=["cloud-init","ssh-copy-id","ssh-import-id","sshd"],
     description="a shell wrote to the sudoers or SSH authorized keys: {CommandLine} (user {User})")
rule("sudoers-visudo","IOTA-045", program=["visudo"], unless=[r"(^|\s)(-c|--check|-V|--version|-h|--help)(\s|$)"],
     description="sudoers was edited with visudo by {User}")
# 046 temp exec
rule("exec-temp","IOTA-046", executable=[r"^(/tmp|/dev/shm|/var/tmp|/run/shm)/", r"/\.[^/.][^/]*/[^/]+$"],
     notExecutable=[r"/\.(local|cargo|rustup|pyenv|nvm|sdkman|vscode-server|vscode|cache/(pip|pypoetry|go-build)|npm|yarn|volta|deno|bun|m2|gradle|asdf|rbenv|jenv|goenv|linuxbrew|nix-profile|dotnet|conda|miniconda\d?|oh-my-zsh|config/(nvim|Code)|docker/cli-plugins|krew|tfenv|terraform\.d|fzf|git/|gem|bundle|jdks)/", r"^/tmp/(surefire|jna|jffi|hsperfdata|go-build|tmp\.\w+/\.?venv|\.mount_)", r"^/tmp/\.X11-unix"],
     description="{Executable} was run from a temporary or hidden location by {User}: {CommandLine}")
rule("exec-temp-script","IOTA-046", program=SHELLS + INTERP, match=[r"^\S+\s+(-[a-zA-Z]+\s+)*\"?(/tmp|/dev/shm|/var/tmp|/run/shm)/[^\s\"]+\"?(\s|$)"],
     unless=[r"^\S+\s+(-[a-zA-Z]+\s+)*\"?/tmp/(surefire|tmp\.\w+|apt|dpkg|systemd-private|\.X11|pip-|go-build)"],
     notParent=["dpkg","apt","apt-get","apt-config","unattended-upgrade","packagekitd","rpm","yum","dnf","apk","cloud-init","dpkg-preconfigure"],
     description="a script in a temporary location was run by {User}: {CommandLine}")
doc = {"version": 1,
       "comment": "edgesec detector built-in rules. Format: detector/README.md. Override a rule by giving one with the same id in a rule file of your own; disable it with {\"id\": \"...\", \"disabled\": true}.",
       "alerts": A, "rules": R}
out = json.dumps(doc, indent=1, ensure_ascii=True)
open(sys.argv[1] if len(sys.argv) > 1 else "detector/src/main/resources/io/edgesec/detector/rules/builtin-rules.json","w").write(out + "\n")
print(len(R), "rules", len(A), "alerts")
