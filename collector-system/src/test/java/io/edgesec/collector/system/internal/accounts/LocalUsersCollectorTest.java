package io.edgesec.collector.system.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.system.internal.host.HostRoot;
import io.edgesec.collector.system.internal.testing.FixtureRoot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalUsersCollectorTest {
    @TempDir
    Path dir;

    @Test
    void everyAccountWithGroupsAndPasswordStateAndNoHash() throws Exception {
        FixtureRoot.debianDevice(dir);
        List<SecurityEvent> events = new LocalUsersCollector(new HostRoot(dir)).collect();
        assertEquals(1, events.size(), events.toString());
        SecurityEvent e = events.get(0);
        assertEquals(EventNames.LOCAL_USERS, e.name());
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        e.payload().forEach(p -> byName.put((String) p.get("UserName"), p));
        assertEquals(List.of("root", "daemon", "alice", "bob", "carol", "toor", "dave", "games"), List.copyOf(byName.keySet()));
        assertUser(byName.get("root"), "0", "0", "root", "Set", "/bin/bash");
        assertUser(byName.get("daemon"), "1", "1", "daemon", "Locked", "/usr/sbin/nologin");
        assertUser(byName.get("alice"), "1000", "1000;27;998", "alice;sudo;docker", "Set", "/bin/bash");
        assertUser(byName.get("bob"), "1001", "1001", "bob", "None", "/bin/sh");
        assertUser(byName.get("carol"), "1002", "1002", "carol", "Locked", "/usr/sbin/nologin");
        assertUser(byName.get("toor"), "0", "0", "root", "Set", "/bin/bash");
        assertUser(byName.get("dave"), "1003", "1003;27", "dave;sudo", "Expired", "/bin/bash");
        assertFalse(e.toJson().contains("$6$") || e.toJson().contains("$y$") || e.toJson().contains("hash"), e.toJson());
        assertEquals("/home/alice", ((Map<?, ?>) byName.get("alice").get("ExtraDetails")).get("Home"));
    }

    private static void assertUser(Map<String, Object> p, String uid, String gids, String gnames, String pw, String shell) {
        assertEquals(uid, p.get("UserId"), p.toString());
        assertEquals(gids, p.get("GroupIds"), p.toString());
        assertEquals(gnames, p.get("GroupNames"), p.toString());
        Map<?, ?> x = (Map<?, ?>) p.get("ExtraDetails");
        assertEquals(pw, x.get("PasswordState"), p.toString());
        assertEquals(shell, x.get("Shell"), p.toString());
    }

    @Test
    void changesBetweenSnapshotsAreReported() throws Exception {
        FixtureRoot f = FixtureRoot.debianDevice(dir);
        LocalUsersCollector c = new LocalUsersCollector(new HostRoot(dir));
        assertEquals(1, c.collect().size(), "the first snapshot has nothing to compare with");
        assertEquals(1, c.collect().size(), "nothing changed");
        f.file("/etc/passwd", String.join("\n", "root:x:0:0:root:/root:/bin/bash", "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
                "alice:x:1000:1000:Alice:/home/alice:/bin/bash", "bob:x:0:1001:Bob:/home/bob:/bin/sh",
                "carol:x:1002:1002::/home/carol:/usr/sbin/nologin", "toor:x:0:0:backdoor:/root:/bin/bash",
                "dave:x:1003:1003::/home/dave:/bin/bash", "mallory:x:0:0::/root:/bin/bash", ""), "644");
        f.file("/etc/group", String.join("\n", "root:x:0:", "daemon:x:1:", "sudo:x:27:alice,dave,carol", "alice:x:1000:", "bob:x:1001:",
                "carol:x:1002:", "dave:x:1003:", "docker:x:998:", ""));
        List<SecurityEvent> events = c.collect();
        assertEquals(2, events.size(), events.toString());
        SecurityEvent change = events.get(1);
        assertEquals(EventNames.LOCAL_USERS_CHANGE, change.name());
        List<String> got = change.payload().stream().map(p -> p.get("Change") + " " + p.get("UserName")).toList();
        assertEquals(List.of("GroupsChanged alice", "Uid0 bob", "GroupsChanged carol", "Added mallory", "Uid0 mallory", "Removed games"), got);
        assertEquals("alice;sudo;docker", change.payload().get(0).get("PreviousValue"));
        assertEquals("1001", change.payload().get(1).get("PreviousValue"));
    }

    @Test
    void unreadableShadowGivesUnknownStatesAndAWarning() throws Exception {
        FixtureRoot f = FixtureRoot.debianDevice(dir);
        java.nio.file.Files.delete(f.path().resolve("etc/shadow"));
        List<SecurityEvent> events = new LocalUsersCollector(new HostRoot(dir)).collect();
        assertEquals(2, events.size());
        assertEquals("Unknown", ((Map<?, ?>) events.get(0).payload().get(0).get("ExtraDetails")).get("PasswordState"));
        assertEquals(EventNames.COLLECTOR_STATUS, events.get(1).name());
        assertTrue(events.get(1).toJson().contains("/etc/shadow does not exist"), events.get(1).toJson());
    }

    @Test
    void liveHostHasRoot() throws Exception {
        SecurityEvent e = new LocalUsersCollector(HostRoot.of("/")).collect().get(0);
        assertTrue(e.payload().stream().anyMatch(p -> "root".equals(p.get("UserName")) && "0".equals(p.get("UserId"))), e.toJson());
    }
}
