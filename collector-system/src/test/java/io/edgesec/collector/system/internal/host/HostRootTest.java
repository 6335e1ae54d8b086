package io.edgesec.collector.system.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.collector.system.internal.testing.FixtureRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRootTest {
    @TempDir
    Path dir;

    @Test
    void absoluteLinksInAnImageStayInTheImage() throws Exception {
        FixtureRoot f = new FixtureRoot(dir).file("/usr/lib/os-release", "ID=alpine\nNAME=\"Alpine Linux\"\n")
                .link("/etc/os-release", "/usr/lib/os-release")
                .link("/etc/escape", "/../../../../etc/hostname")
                .link("/lib", "usr/lib");
        HostRoot root = new HostRoot(dir);
        assertEquals("alpine", OsRelease.read(root).id());
        assertEquals(dir.resolve("usr/lib/os-release"), root.resolve("/lib/os-release"));
        assertEquals(dir.resolve("etc/hostname"), root.resolve("/etc/escape"), "'..' stops at the root");
        assertNull(root.readOrNull("/etc/escape"));
        assertEquals(dir.resolve("etc/os-release"), root.resolveNoFollow("/etc/os-release"));
        assertTrue(root.exists("/etc/os-release"));
        f.link("/etc/loop", "/etc/loop");
        assertNull(root.readOrNull("/etc/loop.d/x"));
    }

    @Test
    void aToolThatHangsIsStoppedAtItsTimeout() {
        IOException e = assertThrows(IOException.class, () -> new Tool(List.of(), Duration.ofSeconds(1)).run(List.of("/bin/sleep", "600")));
        assertTrue(e.getMessage().contains("did not finish within 1 s"), e.getMessage());
    }

    @Test
    void toolOutputAndExitCode() throws Exception {
        Tool.Result r = new Tool(List.of(), Duration.ofSeconds(60)).run(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"));
        assertEquals(3, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
    }
}
