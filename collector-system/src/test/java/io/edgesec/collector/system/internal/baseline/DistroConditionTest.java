package io.edgesec.collector.system.internal.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgesec.collector.system.internal.host.HostRoot;
import io.edgesec.collector.system.internal.host.OsRelease;
import io.edgesec.collector.system.internal.testing.FixtureRoot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistroConditionTest {
    @TempDir
    Path dir;

    @Test
    void namesNegationsVersionsAndLists() throws Exception {
        new FixtureRoot(dir).file("/etc/os-release", "NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"22.04\"\n");
        OsRelease os = OsRelease.read(new HostRoot(dir));
        List<String> conditions = List.of("*", "Ubuntu", "ubuntu", "Debian", "!SLES", "!Ubuntu", "Ubuntu>20", "Ubuntu>=22.04",
                "Ubuntu<22.04", "CentOS>6", "Debian,Ubuntu", "*,!Ubuntu", "");
        assertEquals(List.of(true, true, true, false, true, false, true, true, false, false, true, false, true),
                conditions.stream().map(c -> DistroCondition.matches(c, os)).toList());
    }
}
