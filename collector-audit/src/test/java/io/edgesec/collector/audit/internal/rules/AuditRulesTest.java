package io.edgesec.collector.audit.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.collector.audit.internal.events.EventKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch and module rules: which exist, where they are scoped, what a host without them misses. */
class AuditRulesTest {
    @TempDir
    Path root;

    @Test
    void watchesAreKeyedPathWatchesAndLogRulesOnlyDestructiveCallsUnderVarLog() {
        List<List<String>> rules = AuditRules.rulesFor(EnumSet.of(EventKind.FILE_CHANGE), List.of("b64"), "k", true);
        for (List<String> r : rules) {
            assertEquals(List.of("-k", "k"), r.subList(r.size() - 2, r.size()), r.toString());
            assertTrue(r.contains("success=1"), r.toString());
            String joined = String.join(" ", r);
            assertTrue(joined.contains("-F path=") && joined.contains("perm=wa") || joined.contains("-F dir=/var/log"), joined);
            assertFalse(joined.contains("-S write"), "log files are written all the time: " + joined);
        }
        assertTrue(rules.contains(List.of("always,exit", "-F", "path=/etc/sudoers", "-F", "perm=wa", "-F", "success=1", "-k", "k")));
        assertTrue(rules.contains(List.of("always,exit", "-F", "arch=b64", "-S", "openat", "-F", "a2&0x200", "-F", "dir=/var/log",
                "-F", "success=1", "-k", "k")));
        // arm64 and riscv64 have only the *at calls: auditctl refuses unlink, rename, open, creat there
        List<List<String>> arm = AuditRules.rulesFor(EnumSet.of(EventKind.FILE_CHANGE), List.of("b64"), "k", false);
        assertTrue(arm.stream().noneMatch(r -> r.contains("unlink") || r.contains("rename") || r.contains("open")
                || r.contains("creat")), arm.toString());
        List<List<String>> mods = AuditRules.rulesFor(EnumSet.of(EventKind.KERNEL_MODULE), List.of("b64", "b32"), "k", true);
        assertEquals(6, mods.size());
        assertEquals(List.of(), AuditRules.rulesFor(EnumSet.of(EventKind.AUDIT_CONFIGURATION_CHANGE), List.of("b64"), "k", true),
                "CONFIG_CHANGE records need no rule");
    }

    @Test
    void hostWatchesCoverExistingDirectoriesAndUsersSshDirectories() throws Exception {
        Files.createDirectories(root.resolve("etc/cron.d"));
        Files.createDirectories(root.resolve("home/alice/.ssh"));
        Files.createDirectories(root.resolve("home/bob"));
        Path passwd = root.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n"
                + "alice:x:1000:1000::/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/sh\n"
                + "nobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\ncarol:x:1002:1002::/home/carol:/bin/sh\nbad line\n");
        List<List<String>> w = AuditRules.hostWatches(EnumSet.of(EventKind.FILE_CHANGE), root.toString(), passwd, "k");
        List<String> watched = w.stream().map(r -> r.get(2)).toList();
        assertEquals(List.of("dir=/etc/cron.d", "path=/home/alice/.ssh", "path=/home/alice/.ssh/authorized_keys",
                "path=/home/bob/.ssh"), watched, "root has no home under this root; carol's home does not exist; daemon is a system account");
        assertEquals(List.of(), AuditRules.hostWatches(EnumSet.of(EventKind.PROCESS_CREATE), root.toString(), passwd, "k"));
    }

    @Test
    void scopeKeepsWhatCanBeWatchedAndSaysWhatCannot() {
        List<List<String>> rules = List.of(
                List.of("always,exit", "-F", "path=/etc/sudoers", "-F", "perm=wa", "-k", "k"),
                List.of("always,exit", "-F", "path=/edgesec-no-such-dir/x", "-F", "perm=wa", "-k", "k"),
                List.of("always,exit", "-F", "dir=/edgesec-no-such-dir", "-F", "perm=wa", "-k", "k"),
                List.of("always,exit", "-F", "arch=b64", "-S", "execve", "-k", "k"));
        AuditRules.Scoped s = AuditRules.scope(rules, "");
        assertEquals(List.of(rules.get(0), rules.get(3)), s.rules());
        assertEquals(List.of("/edgesec-no-such-dir/x", "/edgesec-no-such-dir"), s.skipped());
    }

    @Test
    void underAHostRootOnTheCollectorsOwnFileSystemNothingIsWatched() throws Exception {
        // a container's /host/var/spool made by the engine as a mount point parent is the container's, not the host's
        Files.createDirectories(root.resolve("etc"));
        List<List<String>> rules = List.of(List.of("always,exit", "-F", "path=/etc/sudoers", "-F", "perm=wa", "-k", "k"));
        AuditRules.Scoped s = AuditRules.scope(rules, root.toString());
        if (Files.getAttribute(root, "unix:dev").equals(Files.getAttribute(Path.of("/"), "unix:dev"))) {
            assertEquals(List.of(), s.rules());
            assertEquals(List.of("/etc/sudoers"), s.skipped());
        } else {
            // the temporary directory is another file system (a tmpfs /tmp): it counts as the host's, resolved under the root
            assertEquals(List.of(List.of("always,exit", "-F", "path=" + root.resolve("etc/sudoers"), "-F", "perm=wa", "-k", "k")),
                    s.rules());
        }
    }

    @Test
    void optionalRulesAreReportedApartFromTheRequiredOnes() {
        Set<EventKind> all = EnumSet.allOf(EventKind.class);
        assertEquals(List.of("FileChange (no watch on /etc/sudoers, cron, /var/log ...)",
                "KernelModule (no always,exit rule on finit_module)"), HostRules.missingOptional("No rules", all));
        String listing = "-w /etc/sudoers -p wa -k edgesec\n-a always,exit -F arch=b64 -S init_module,finit_module -F key=x\n";
        assertEquals(List.of(), HostRules.missingOptional(listing, all));
        assertEquals(List.of(), HostRules.missingOptional(
                "-a always,exit -S all -F path=/etc/sudoers -F perm=wa -F success=1 -F key=edgesec\n"
                        + "-a always,exit -F arch=b64 -S finit_module -F success=1 -F key=edgesec", all));
        assertEquals(2, HostRules.missing("No rules", all).size(), "execve and connect stay required");
        assertTrue(HostRules.needed(EnumSet.of(EventKind.FILE_CHANGE)));
    }
}
