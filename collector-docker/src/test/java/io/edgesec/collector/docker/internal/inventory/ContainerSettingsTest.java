package io.edgesec.collector.docker.internal.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgesec.collector.docker.internal.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSettingsTest {

    @Test
    void dockerHostPidContainerWithBindAndCapability() {
        Map<String, Object> p = ContainerSettings.toPayload(Fixtures.inspect("docker-hostpid-bind-capadd-running.json"), null);
        assertEquals("82fc91d0d2a8edf71c7e6bf3ba2952676732532bcd9e209519a1f28776e6282f", p.get("ContainerId"));
        assertEquals("t1", p.get("ContainerName"));
        assertEquals("edgesec-test/busybox:1", p.get("Image"));
        assertEquals("running", p.get("State"));
        assertEquals(6183L, p.get("ProcessId"));
        assertEquals("host", p.get("PidMode"));
        assertEquals(false, p.get("Privileged"));
        assertEquals(List.of("SYS_ADMIN"), p.get("CapAdd"), "Docker's CAP_ prefix is dropped");
        assertEquals(List.of(), p.get("CapDrop"));
        assertEquals(List.of("/tmp:/hosttmp:ro"), p.get("Binds"));
        assertEquals(List.of(Map.of("Type", "bind", "Source", "/tmp", "Target", "/hosttmp", "ReadOnly", true, "Propagation", "rslave")),
                p.get("Mounts"));
        assertEquals(List.of("label=disable"), p.get("SecurityOpt"));
        assertEquals(0L, p.get("PidsLimit"), "null means no limit");
        assertEquals("no", p.get("RestartPolicy"));
        assertEquals(true, p.get("IsIotEdgeModule"));
        assertEquals("t1", p.get("ModuleName"));
        assertEquals("{\"HostConfig\":{\"CapAdd\":[\"SYS_ADMIN\"]}}", p.get("ModuleCreateOptions"));
        assertEquals(List.of("A"), p.get("ModuleEnvNames"));
        assertEquals(null, p.get("ImageDigest"), "an imported image has no repository digest");
    }

    @Test
    void createdPrivilegedContainerWithPortBinding() {
        Map<String, Object> p = ContainerSettings.toPayload(Fixtures.inspect("docker-plain-privileged-created.json"),
                Map.of("RepoDigests", List.of("example/busybox@sha256:abc")));
        assertEquals("created", p.get("State"));
        assertEquals(true, p.get("Privileged"));
        assertNull(p.get("ProcessId"));
        assertNull(p.get("StartedAt"), "a container never started has no start time");
        assertEquals(List.of(Map.of("ContainerPort", "80", "Protocol", "tcp", "HostIp", "0.0.0.0", "HostPort", "8080")),
                p.get("PortBindings"));
        assertEquals(false, p.get("IsIotEdgeModule"));
        assertEquals(false, p.containsKey("ModuleName"));
        assertEquals("example/busybox@sha256:abc", p.get("ImageDigest"));
    }

    @Test
    void podmanReportsItsDefaultsDifferently() {
        Map<String, Object> p = ContainerSettings.toPayload(Fixtures.inspect("podman-hostpid-bind-capadd-running.json"), null);
        assertEquals(List.of("SYS_ADMIN"), p.get("CapAdd"));
        assertEquals(List.of("AUDIT_WRITE", "MKNOD", "NET_RAW"), p.get("CapDrop"));
        assertEquals(List.of("/tmp:/hosttmp:ro,rprivate,rbind"), p.get("Binds"));
        assertEquals("docker.io/edgesec-test/busybox:latest", p.get("Image"));
        assertEquals(0L, p.get("PidsLimit"));
        assertEquals("shareable", p.get("IpcMode"));
    }
}
