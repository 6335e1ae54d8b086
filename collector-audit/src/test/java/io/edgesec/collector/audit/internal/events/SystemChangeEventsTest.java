package io.edgesec.collector.audit.internal.events;

import static io.edgesec.collector.audit.internal.TestRecords.map;
import static io.edgesec.collector.audit.internal.TestRecords.only;
import static io.edgesec.collector.audit.internal.TestRecords.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import io.edgesec.support.UserNames;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FileChange, KernelModule and AuditConfigurationChange from records this kernel (6.18, x86_64,
 * auditd 3.0.9 ENRICHED) wrote while a script did the things below under rules of the key
 * {@code es10a-probe}: {@code watch-records.txt} holds them unchanged. A few records the test
 * machine cannot produce (a module actually loaded: its kernel has no module support) are
 * written in the kernel's format (kernel/audit.c audit_log_kern_module).
 */
class SystemChangeEventsTest {
    static final String KEY = "es10a-probe";
    /** The pid of the auditctl that removed the es10a-probe rules at the end ({@code auditctl -D -k es10a-probe}). */
    static final long REMOVER = 9542;
    static List<SecurityEvent> events;

    @BeforeAll
    static void replay() throws Exception {
        events = run(KEY, pid -> false, EnumSet.allOf(EventKind.class));
    }

    static List<SecurityEvent> run(String key, java.util.function.LongPredicate own, EnumSet<EventKind> kinds) throws Exception {
        byte[] all;
        try (InputStream in = SystemChangeEventsTest.class.getResourceAsStream("watch-records.txt")) {
            all = in.readAllBytes();
        }
        List<SecurityEvent> out = new ArrayList<>();
        AuditPipeline p = new AuditPipeline("watch-records.txt", kinds, UserNames.NONE, out::add, 2000);
        p.collectorRules(key, own);
        var s = p.splitter();
        s.feed(all, 0, all.length, 0);
        p.finish();
        assertEquals(0, p.counters().parseErrors(), p.counters().recentErrors().toString());
        return out;
    }

    private static List<Map<String, Object>> of(String name) {
        return events.stream().filter(e -> e.name().equals(name)).map(e -> e.payload().get(0)).toList();
    }

    @Test
    void watchedFilesBecomeFileChangesWithTheProcessThatChangedThem() {
        List<Map<String, Object>> files = of(EventNames.FILE_CHANGE);
        List<String> seen = files.stream().map(p -> p.get("Operation") + " " + p.get("Path")
                + (p.containsKey("OldPath") ? " from " + p.get("OldPath") : "")).toList();
        assertEquals(List.of(
                "Create /etc/sudoers.d/es10a-x", // bash -c 'echo ... > /etc/sudoers.d/es10a-x'
                "Delete /etc/sudoers.d/es10a-x", // rm
                "Create /tmp/es10a/w/authorized_keys", // cd w && echo k >> authorized_keys: a relative name, cwd joined
                "Rename /tmp/es10a/w/authorized_keys from /tmp/es10a/w/tmpk", // mv tmpk authorized_keys (the failed renameat2 first is no change)
                "Modify /var/log/es10a-test.log", // : > file (O_TRUNC)
                "Rename /var/log/es10a-test.log.1 from /var/log/es10a-test.log",
                "Delete /var/log/es10a-test.log.1"), seen);
        Map<String, Object> sudoers = files.get(0);
        assertEquals("/usr/bin/bash", sudoers.get("Executable"));
        assertTrue(((String) sudoers.get("CommandLine")).contains("> /etc/sudoers.d/es10a-x"), sudoers.toString());
        assertEquals("0", sudoers.get("UserId"));
        assertEquals(9256, sudoers.get("ProcessId"));
        assertEquals(9172, sudoers.get("ParentProcessId"));
        Map<?, ?> extra = (Map<?, ?>) sudoers.get("ExtraDetails");
        assertEquals("45454", extra.get("AuditUserId"));
        assertEquals("openat", extra.get("Syscall"));
        assertEquals("/tmp/es10a", extra.get("Cwd"));
        assertEquals("/usr/bin/rm", files.get(1).get("Executable"));
    }

    @Test
    void onlyTheCollectorsOwnKeyMakesFileChanges() throws Exception {
        // the same records under another collector key: a host's own watches are not ours to send
        List<SecurityEvent> other = run("edgesec", pid -> false, EnumSet.allOf(EventKind.class));
        assertTrue(other.stream().noneMatch(e -> e.name().equals(EventNames.FILE_CHANGE)), other.toString());
        List<SecurityEvent> none = run(KEY, pid -> false, EnumSet.of(EventKind.PROCESS_CREATE));
        assertEquals(List.of(), none, "kinds not asked for are not emitted");
    }

    @Test
    void aModuleSyscallIsAKernelModuleEvent() {
        // finit_module(-1, "", 0) on a kernel without module support: ENOSYS, still the attempt
        Map<String, Object> m = only(events.stream().filter(e -> e.name().equals(EventNames.KERNEL_MODULE)).toList())
                .payload().get(0);
        assertEquals("Load", m.get("Operation"));
        assertEquals("Fail", m.get("Result"));
        assertTrue(((String) m.get("Executable")).endsWith("python3.11"), m.toString());
        assertEquals("-38", ((Map<?, ?>) m.get("ExtraDetails")).get("Exit"));
        assertFalse(m.containsKey("ModuleName"));
    }

    @Test
    void aLoadedModuleIsNamedByItsKernModuleRecord() {
        SecurityEvent e = only(map(
                "type=SYSCALL msg=audit(1796544300.100:12000): arch=c000003e syscall=313 success=yes exit=0 a0=3 a1=5581 a2=0 "
                        + "a3=0 items=0 ppid=900 pid=901 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 "
                        + "tty=pts0 ses=3 comm=\"insmod\" exe=\"/usr/bin/kmod\" key=\"edgesec\"",
                "type=KERN_MODULE msg=audit(1796544300.100:12000): name=\"evil_rootkit\"",
                "type=PROCTITLE msg=audit(1796544300.100:12000): proctitle=" + EventMapperTest.hex("insmod\0/tmp/evil_rootkit.ko")));
        assertEquals(EventNames.KERNEL_MODULE, e.name());
        Map<String, Object> p = payload(e);
        assertEquals("Load", p.get("Operation"));
        assertEquals("evil_rootkit", p.get("ModuleName"));
        assertEquals("Success", p.get("Result"));
        assertEquals("insmod /tmp/evil_rootkit.ko", p.get("CommandLine"));
        assertEquals(900, p.get("ParentProcessId"));
        SecurityEvent unload = only(map(
                "type=SYSCALL msg=audit(1796544300.200:12001): arch=c000003e syscall=176 success=yes exit=0 a0=55 a1=800 a2=0 "
                        + "a3=0 items=0 ppid=900 pid=902 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 "
                        + "tty=pts0 ses=3 comm=\"rmmod\" exe=\"/usr/bin/kmod\" key=\"edgesec\"",
                "type=PROCTITLE msg=audit(1796544300.200:12001): proctitle=" + EventMapperTest.hex("rmmod\0evil_rootkit")));
        assertEquals("Unload", payload(unload).get("Operation"));
        // aarch64 numbers: finit_module is 273
        SecurityEvent arm = only(map(
                "type=SYSCALL msg=audit(1796544300.300:12002): arch=c00000b7 syscall=273 success=yes exit=0 a0=3 a1=5581 a2=0 "
                        + "a3=0 items=0 ppid=900 pid=903 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 "
                        + "tty=pts0 ses=3 comm=\"modprobe\" exe=\"/usr/bin/kmod\" key=\"edgesec\"",
                "type=PROCTITLE msg=audit(1796544300.300:12002): proctitle=" + EventMapperTest.hex("modprobe\0dummy")));
        assertEquals(EventNames.KERNEL_MODULE, arm.name());
    }

    @Test
    void configChangesNameTheSettingTheRuleKeyAndWhoMadeThem() {
        List<Map<String, Object>> changes = of(EventNames.AUDIT_CONFIGURATION_CHANGE);
        List<String> seen = changes.stream().map(p -> p.get("Operation") + " " + p.getOrDefault("Key", "")
                + p.getOrDefault("Setting", "") + "=" + p.getOrDefault("Value", "") + " " + p.get("Result") + " "
                + p.get("ExtraDetails")).toList();
        assertEquals(4, changes.size(), seen.toString());
        assertEquals("add_rule", changes.get(0).get("Operation"));
        assertEquals("es10a-other", changes.get(0).get("Key"));
        assertEquals("remove_rule", changes.get(1).get("Operation"));
        assertFalse(((Map<?, ?>) changes.get(1).get("ExtraDetails")).containsKey("EdgesecRule"), "another key's rule");
        assertEquals("/usr/sbin/auditctl", changes.get(1).get("Executable"));
        assertTrue(((String) changes.get(1).get("CommandLine")).contains(" auditctl -d always,exit"), seen.toString());
        Map<String, Object> ours = changes.get(2);
        assertEquals("remove_rule", ours.get("Operation"));
        assertEquals("es10a-probe", ours.get("Key"));
        assertEquals("Success", ours.get("Result"));
        assertEquals("true", ((Map<?, ?>) ours.get("ExtraDetails")).get("EdgesecRule"));
        assertNull(((Map<?, ?>) ours.get("ExtraDetails")).get("ByThisAgent"), "removed by another auditctl");
        Map<String, Object> off = changes.get(3);
        assertEquals("set", off.get("Operation"));
        assertEquals("audit_enabled", off.get("Setting"));
        assertEquals("0", off.get("Value"));
        assertEquals("1", off.get("OldValue"));
        assertEquals("Success", off.get("Result"));
        assertEquals("45454", ((Map<?, ?>) off.get("ExtraDetails")).get("AuditUserId"));
        assertEquals("auditctl -e 0", ((String) off.get("CommandLine")).replaceFirst("^.*as-auid ", ""));
    }

    @Test
    void theCollectorsOwnRuleChangesAreMarked() throws Exception {
        // the same records, the removal's auditctl being one of the collector's own runs
        String log = new String(SystemChangeEventsTest.class.getResourceAsStream("watch-records.txt").readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(log.contains(" pid=" + REMOVER + " auid=4294967295 uid=0"),
                "the removal's auditctl is pid " + REMOVER);
        List<SecurityEvent> mine = run(KEY, pid -> pid == REMOVER, EnumSet.allOf(EventKind.class));
        Map<String, Object> ours = mine.stream().filter(e -> e.name().equals(EventNames.AUDIT_CONFIGURATION_CHANGE))
                .map(e -> e.payload().get(0)).filter(p -> KEY.equals(p.get("Key"))).findFirst().orElseThrow();
        assertEquals("true", ((Map<?, ?>) ours.get("ExtraDetails")).get("ByThisAgent"));
    }

    @Test
    void aConfigChangeWithoutItsSyscallRecordStillCounts() {
        SecurityEvent e = only(map("type=CONFIG_CHANGE msg=audit(1796544400.000:13000): op=set audit_enabled=0 old=1 auid=0 ses=2 res=1"));
        assertEquals(EventNames.AUDIT_CONFIGURATION_CHANGE, e.name());
        assertEquals("0", payload(e).get("Value"));
        assertEquals(Map.of("AuditUserId", "0"), payload(e).get("ExtraDetails"));
    }
}
