package io.edgesec.collector.docker.internal.pidmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CgroupContainerIdTest {
    private static final String ID = "82fc91d0d2a8edf71c7e6bf3ba2952676732532bcd9e209519a1f28776e6282f";

    @Test
    void dockerCgroupfsV1AsSeenOnThisMachine() {
        assertEquals(ID, CgroupContainerId.parse("9:name=systemd:/docker/" + ID + "\n4:memory:/docker/" + ID + "\n0::/docker/" + ID + "\n"));
    }

    @Test
    void systemdDriverUnifiedHierarchy() {
        assertEquals(ID, CgroupContainerId.parse("0::/system.slice/docker-" + ID + ".scope\n"));
        // from inside another container's cgroup namespace
        assertEquals(ID, CgroupContainerId.parse("0::/../../system.slice/docker-" + ID + ".scope\n"));
    }

    @Test
    void podmanButNotItsMonitor() {
        assertEquals(ID, CgroupContainerId.parse("4:memory:/libpod_parent/libpod-" + ID + "\n0::/libpod_parent/libpod-" + ID + "\n"));
        assertEquals(ID, CgroupContainerId.parse("0::/machine.slice/libpod-" + ID + ".scope/container\n"));
        assertNull(CgroupContainerId.parse("0::/machine.slice/libpod-conmon-" + ID + ".scope\n"));
    }

    @Test
    void hostProcesses() {
        assertNull(CgroupContainerId.parse("0::/\n"));
        assertNull(CgroupContainerId.parse("4:memory:/process_api/12564475ca532c42e8b2990d401f97bf\n0::/\n"));
        assertNull(CgroupContainerId.parse("0::/system.slice/ssh.service\n"));
    }
}
