package io.edgesec.collector.system.internal.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Builds a device root file system in a temporary directory: files, modes, links. */
public final class FixtureRoot {
    private final Path root;

    public FixtureRoot(Path root) {
        this.root = root;
    }

    public Path path() {
        return root;
    }

    public FixtureRoot file(String devicePath, String text) throws IOException {
        return file(devicePath, text, "644");
    }

    public FixtureRoot file(String devicePath, String text, String octalMode) throws IOException {
        Path p = root.resolve(devicePath.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms(Integer.parseInt(octalMode, 8))));
        return this;
    }

    public FixtureRoot dir(String devicePath) throws IOException {
        Files.createDirectories(root.resolve(devicePath.substring(1)));
        return this;
    }

    public FixtureRoot link(String devicePath, String target) throws IOException {
        Path p = root.resolve(devicePath.substring(1));
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(target));
        return this;
    }

    private static String perms(int mode) {
        String s = "rwxrwxrwx";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            b.append((mode & (1 << (8 - i))) != 0 ? s.charAt(i) : '-');
        }
        return b.toString();
    }

    public static String dpkgStanza(String name, String version, String status) {
        return "Package: " + name + "\nStatus: " + status + "\nPriority: optional\nArchitecture: amd64\nVersion: " + version
                + "\nDescription: " + name + "\n multi-line description\n\n";
    }

    /**
     * A Debian 12 device with known weaknesses: a world-writable /etc/passwd, a second UID 0
     * account, an account without a password, sshd allowing root login, no auditd, IP forwarding
     * on, a promiscuous and a wireless interface, telnetd and postfix installed.
     */
    public static FixtureRoot debianDevice(Path dir) throws IOException {
        FixtureRoot f = new FixtureRoot(dir);
        f.file("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n"
                + "VERSION=\"12 (bookworm)\"\nID=debian\n");
        f.file("/etc/passwd", String.join("\n",
                "root:x:0:0:root:/root:/bin/bash",
                "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
                "alice:x:1000:1000:Alice:/home/alice:/bin/bash",
                "bob:x:1001:1001:Bob:/home/bob:/bin/sh",
                "carol:x:1002:1002::/home/carol:/usr/sbin/nologin",
                "toor:x:0:0:backdoor:/root:/bin/bash",
                "dave:x:1003:1003::/home/dave:/bin/bash",
                "games:x:5:60:games:/usr/games:/usr/sbin/nologin", ""), "666");
        f.file("/etc/group", String.join("\n",
                "root:x:0:", "daemon:x:1:", "sudo:x:27:alice,dave", "alice:x:1000:", "bob:x:1001:", "carol:x:1002:",
                "dave:x:1003:", "docker:x:998:alice", ""));
        f.file("/etc/shadow", String.join("\n",
                "root:$y$j9T$abcdefghijklmnop$0123456789012345678901234567890123456789012:19700:0:99999:7:::",
                "daemon:*:19700:0:99999:7:::",
                "alice:$6$saltsalt$hashhashhashhashhashhashhashhashhashhashhash:19700:0:99999:7:::",
                "bob::19700:0:99999:7:::",
                "carol:!$6$saltsalt$lockedhashlockedhash:19700:0:99999:7:::",
                "toor:$6$x$toorhash:19700:0:99999:7:::",
                "dave:$6$y$davehash:0:0:99999:7:::",
                "games:*:19700:0:99999:7:::", ""), "640");
        f.file("/etc/fstab", "# static\nUUID=1 / ext4 errors=remount-ro 0 1\n/dev/sr0 /media/cdrom0 udf,iso9660 user,noauto,nodev 0 0\n");
        f.file("/etc/ssh/sshd_config", String.join("\n",
                "Include /etc/ssh/sshd_config.d/*.conf",
                "PermitRootLogin yes",
                "MaxAuthTries 4",
                "Ciphers aes256-ctr,aes128-ctr",
                "Match User bob",
                "    PermitEmptyPasswords yes", ""));
        f.file("/etc/ssh/sshd_config.d/10-local.conf", "ClientAliveInterval 300\n");
        f.file("/proc/sys/kernel/randomize_va_space", "2\n");
        f.file("/proc/sys/kernel/osrelease", "6.1.0-18-amd64\n");
        f.file("/proc/sys/kernel/hostname", "edge-device-7\n");
        f.file("/proc/sys/net/ipv4/ip_forward", "1\n");
        f.file("/proc/sys/net/ipv4/conf/all/accept_source_route", "0\n");
        f.file("/proc/sys/net/ipv4/icmp_ignore_bogus_error_responses", "1\n");
        f.file("/proc/sys/net/ipv4/icmp_echo_ignore_broadcasts", "1\n");
        f.file("/proc/sys/net/ipv4/conf/all/rp_filter", "0\n");
        f.file("/proc/sys/net/ipv4/conf/default/rp_filter", "1\n");
        f.file("/proc/sys/net/ipv4/tcp_syncookies", "1\n");
        f.file("/proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu vme nx lm\n\nprocessor\t: 1\nflags\t\t: fpu vme nx lm\n");
        f.file("/proc/meminfo", "MemTotal:        2048000 kB\nMemFree:          100000 kB\nMemAvailable:    1024000 kB\n"
                + "SwapTotal:        512000 kB\nSwapFree:         256000 kB\n");
        f.file("/proc/stat", "cpu  1 2 3 4\nbtime 1700000000\n");
        f.file("/proc/uptime", "12345.67 20000.00\n");
        f.file("/proc/cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/mmcblk0p2 ro quiet\n");
        f.file("/proc/net/if_inet6", "00000000000000000000000000000001 01 80 10 80       lo\n");
        f.file("/proc/1/comm", "systemd\n");
        f.file("/proc/modules", "nf_tables 348160 0 - Live 0x0000000000000000\nbluetooth 1007616 5 btusb, Live 0x0000000000000000\n");
        f.file("/proc/device-tree/model", "Raspberry Pi 4 Model B Rev 1.4\0");
        f.file("/sys/class/net/lo/flags", "0x9\n");
        f.file("/sys/class/net/eth0/flags", "0x1103\n");
        f.file("/sys/class/net/wlan0/flags", "0x1003\n");
        f.dir("/sys/class/net/wlan0/wireless");
        f.file("/etc/modprobe.d/rds.conf", "install rds /bin/true\n");
        f.file("/etc/rsyslog.conf", "$FileCreateMode 0640\nmodule(load=\"imtcp\")\n");
        f.file("/etc/cron.daily/logrotate", "#!/bin/sh\n", "755");
        f.file("/etc/inetd.conf", "telnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.telnetd\n");
        f.file("/etc/postfix/main.cf", "inet_interfaces = all\n");
        f.file("/etc/anacrontab", "SHELL=/bin/sh\n", "644");
        f.link("/etc/systemd/system/multi-user.target.wants/rsyslog.service", "/lib/systemd/system/rsyslog.service");
        f.link("/etc/systemd/system/bluetooth.target.wants/bluetooth.service", "/lib/systemd/system/bluetooth.service");
        f.link("/etc/rc2.d/S01cups", "../init.d/cups");
        f.file("/etc/aziot/config.toml", "hostname = \"edge-device-7\"\n", "600");
        f.file("/var/lib/dpkg/status", dpkgStanza("rsyslog", "8.2302.0-1", "install ok installed")
                + dpkgStanza("telnetd", "0.17+2.4-2", "install ok installed")
                + dpkgStanza("postfix", "3.7.10-0+deb12u1", "install ok installed")
                + dpkgStanza("linux-image-6.1.0-18-amd64", "6.1.76-1", "install ok installed")
                + dpkgStanza("auditd", "1:3.0.9-1", "deinstall ok config-files")
                + dpkgStanza("aziot-edge", "1.4.27-1", "install ok installed")
                + dpkgStanza("moby-engine", "23.0.3-1", "install ok installed"));
        return f;
    }
}
