package io.edgesec.collector.docker.internal.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonDocuments;
import io.edgesec.collector.docker.internal.JsonValues;
import io.edgesec.collector.docker.internal.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestRebuildTest {
    static List<Map<String, Object>> device() {
        return List.of(Fixtures.inspect("edge-hub.json"), Fixtures.inspect("edge-agent.json"),
                Fixtures.inspect("edge-camera.json"), Fixtures.inspect("docker-plain-privileged-created.json"));
    }

    @Test
    void onlyIotEdgeContainersBecomeModules() {
        List<ModuleSpec> modules = RuntimeModules.fromContainers(device(), Map.of());
        assertEquals(List.of("camera", "edgeAgent", "edgeHub"), modules.stream().map(ModuleSpec::name).toList());
    }

    @Test
    void theManifestCarriesWhatTheEngineAppliedNotOnlyWhatWasGiven() throws Exception {
        String json = ManifestWriter.toJson(RuntimeModules.fromContainers(device(), Map.of()));
        Map<String, Object> manifest = JsonDocuments.object(json);
        Map<String, Object> desired = JsonValues.mapAt(manifest, "modulesContent", "$edgeAgent", "properties.desired");
        assertEquals("1.1", desired.get("schemaVersion"));
        assertEquals(List.of("edgeAgent", "edgeHub"), List.copyOf(JsonValues.mapAt(desired, "systemModules").keySet()));
        assertEquals(List.of("camera"), List.copyOf(JsonValues.mapAt(desired, "modules").keySet()));

        Map<String, Object> settings = JsonValues.mapAt(desired, "modules", "camera", "settings");
        assertEquals("example.azurecr.io/camera:2.1", settings.get("image"));
        // the camera's createOptions are longer than 1024 characters: three 512-character chunks
        assertEquals(List.of("image", "createOptions", "createOptions01", "createOptions02"), List.copyOf(settings.keySet()));
        assertEquals(512, ((String) settings.get("createOptions")).length());
        assertEquals(512, ((String) settings.get("createOptions01")).length());

        ModuleSpec camera = ExpectedManifest.parse(json).stream().filter(m -> m.name().equals("camera")).findFirst().orElseThrow();
        Map<String, Object> host = JsonValues.mapAt(camera.createOptions(), "HostConfig");
        assertEquals(true, host.get("Privileged"));
        // the docker socket is mounted although the given createOptions only bind /dev
        assertEquals(List.of("/dev:/dev", "/var/run/docker.sock:/var/run/docker.sock"), host.get("Binds"));
        assertEquals(List.of("SYS_ADMIN"), host.get("CapAdd"));
        assertEquals(100L, host.get("PidsLimit"));
        assertEquals(268435456L, host.get("Memory"));
        assertEquals(1, ((List<?>) host.get("Devices")).size());
        assertEquals("azure-iot-edge", host.get("NetworkMode"));
        assertEquals("1000:1000", camera.createOptions().get("User"));
        assertEquals(41, ((List<?>) camera.createOptions().get("Cmd")).size(), "options the engine does not change are kept");
        assertEquals(Map.of("com.example.team", "vision"), camera.createOptions().get("Labels"),
                "user labels are kept, the runtime's net.azure-devices.edge labels are not");
        assertEquals(Map.of("RTSP_PASSWORD", "s3cret", "MODE", "night"), camera.env());
        assertEquals("on-unhealthy", camera.restartPolicy(), "the label's OnUnhealthy in manifest spelling");
        assertEquals("running", camera.status());
        assertEquals("2.1", camera.version());
    }

    @Test
    void systemModulesAsTheAgentDescribesThem() throws Exception {
        String json = ManifestWriter.toJson(RuntimeModules.fromContainers(device(), Map.of()));
        Map<String, Object> system = JsonValues.mapAt(JsonDocuments.object(json), "modulesContent", "$edgeAgent",
                "properties.desired", "systemModules");
        Map<String, Object> hub = JsonValues.mapAt(system, "edgeHub");
        assertEquals("running", hub.get("status"), "desiredStatus label 'Running'");
        assertEquals("always", hub.get("restartPolicy"));
        assertEquals("mcr.microsoft.com/azureiotedge-hub:1.4", JsonValues.stringAt(hub, "settings", "image"),
                "the original-image label");
        assertEquals(Map.of("OptimizeForPerformance", Map.of("value", "false")), hub.get("env"));
        Map<String, Object> agent = JsonValues.mapAt(system, "edgeAgent");
        assertNull(agent.get("status"), "edgeAgent has no status or restart policy in a manifest");
        assertTrue(JsonValues.mapAt(JsonDocuments.object(json), "modulesContent", "$edgeHub", "properties.desired")
                .containsKey("routes"));
    }

    @Test
    void elevatedSettingsRemovedByTheRuntimeShowAsRemoved() {
        // edgelet with allow_elevated_docker_permissions=false: createOptions asked for Privileged, the engine did not apply it
        Map<String, Object> inspect = Fixtures.inspect("edge-camera.json");
        JsonValues.mapAt(inspect, "HostConfig").put("Privileged", false);
        Map<String, Object> options = RuntimeModules.effectiveCreateOptions(inspect);
        assertEquals(false, JsonValues.mapAt(options, "HostConfig").get("Privileged"));
    }

    @Test
    void envFallsBackToTheContainersOwnVariables() {
        Map<String, Object> inspect = Fixtures.inspect("edge-camera.json");
        JsonValues.mapAt(inspect, "Config", "Labels").remove(EdgeLabels.ENV);
        Map<String, String> env = RuntimeModules.env(inspect, Map.of("Config", Map.of("Env", List.of("PATH=/usr/bin"))));
        assertEquals(Map.of("RTSP_PASSWORD", "s3cret", "MODE", "night"), env, "without IOTEDGE_* and the image's PATH");
    }

    @Test
    void chunksFollowTheAgentsRule() {
        String text = "x".repeat(512 * 2 + 7);
        Map<String, Object> chunks = ManifestWriter.chunks(text);
        assertEquals(List.of("createOptions", "createOptions01", "createOptions02"), List.copyOf(chunks.keySet()));
        assertEquals(7, ((String) chunks.get("createOptions02")).length());
        assertEquals(text, String.join("", chunks.values().stream().map(Object::toString).toList()));
    }
}
