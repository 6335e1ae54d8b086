package io.edgesec.collector.docker.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.edgesec.support.json.JsonDocuments;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events as Docker 20.10 and podman 4.3 wrote them on this machine. */
class EngineEventMapperTest {
    private static Map<String, Object> map(String json) throws Exception {
        return EngineEventMapper.toPayload(JsonDocuments.object(json));
    }

    @Test
    void dockerExecStartCarriesTheCommand() throws Exception {
        Map<String, Object> p = map("{\"status\":\"exec_start: echo hi\",\"id\":\"82fc\",\"from\":\"edgesec-test/busybox:1\","
                + "\"Type\":\"container\",\"Action\":\"exec_start: echo hi\",\"Actor\":{\"ID\":\"82fc\",\"Attributes\":{"
                + "\"execID\":\"6a97\",\"image\":\"edgesec-test/busybox:1\",\"name\":\"t1\","
                + "\"net.azure-devices.edge.owner\":\"Microsoft.Azure.Devices.Edge.Agent\"}},\"scope\":\"local\","
                + "\"time\":1795901590,\"timeNano\":1795901590806215241}");
        assertEquals("exec_start", p.get("Action"));
        assertEquals("echo hi", p.get("Command"));
        assertEquals("6a97", p.get("ExecId"));
        assertEquals("82fc", p.get("ContainerId"));
        assertEquals("t1", p.get("ContainerName"));
        assertEquals("t1", p.get("ModuleName"));
        assertEquals("2026-11-28T21:33:10.806Z", p.get("EventTime"));
        assertFalse(p.containsKey("EngineAction"));
    }

    @Test
    void podmanExecAndDieAreNormalised() throws Exception {
        Map<String, Object> exec = map("{\"status\":\"exec\",\"id\":\"bd21\",\"Type\":\"container\",\"Action\":\"exec\","
                + "\"Actor\":{\"ID\":\"bd21\",\"Attributes\":{\"containerExitCode\":\"0\",\"image\":\"docker.io/x:1\","
                + "\"name\":\"t1\",\"podId\":\"\"}},\"time\":1795901612,\"timeNano\":1795901612063056428}");
        assertEquals("exec_start", exec.get("Action"));
        assertEquals("exec", exec.get("EngineAction"));
        assertEquals(null, exec.get("Command"), "podman does not say which command");
        Map<String, Object> die = map("{\"Type\":\"container\",\"Action\":\"die\",\"Actor\":{\"ID\":\"bd21\",\"Attributes\":"
                + "{\"containerExitCode\":\"143\",\"name\":\"t1\"}},\"timeNano\":1795901612063056428}");
        assertEquals(143L, die.get("ExitCode"));
    }

    @Test
    void imageVolumeAndNetworkEvents() throws Exception {
        Map<String, Object> image = map("{\"Type\":\"image\",\"Action\":\"delete\",\"Actor\":{\"ID\":\"sha256:3779\","
                + "\"Attributes\":{\"name\":\"edgesec-test/busybox:1\"}},\"time\":1795901590,\"timeNano\":1795901590177702500}");
        assertEquals(Map.of("EventTime", "2026-11-28T21:33:10.177Z", "ObjectType", "image", "Action", "delete",
                "ImageId", "sha256:3779", "Image", "edgesec-test/busybox:1"), image);
        Map<String, Object> mount = map("{\"Type\":\"volume\",\"Action\":\"mount\",\"Actor\":{\"ID\":\"data\",\"Attributes\":{"
                + "\"container\":\"82fc\",\"destination\":\"/data\",\"driver\":\"local\",\"propagation\":\"\","
                + "\"read/write\":\"false\"}},\"timeNano\":1795901590177702500}");
        assertEquals("data", mount.get("VolumeName"));
        assertEquals("82fc", mount.get("ContainerId"));
        assertEquals(true, mount.get("ReadOnly"));
        Map<String, Object> net = map("{\"Type\":\"network\",\"Action\":\"connect\",\"Actor\":{\"ID\":\"3c7e\",\"Attributes\":{"
                + "\"container\":\"82fc\",\"name\":\"none\",\"type\":\"null\"}},\"timeNano\":1795901590252624875}");
        assertEquals("connect", net.get("Action"));
        assertEquals("none", net.get("NetworkName"));
        assertEquals("82fc", net.get("ContainerId"));
    }
}
