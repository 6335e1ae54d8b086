package io.edgesec.collector.docker.internal.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Drift between an expected manifest and the modules rebuilt from canned inspect JSON (ManifestRebuildTest.device()). */
class ManifestDriftTest {
    private static final String SOURCE = "/etc/edgesec/expected.json";

    private static Map<String, Object> module(String image, String createOptionsText, Map<String, String> env) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("image", image);
        if (createOptionsText != null) {
            // written in two chunks, the second key first: the agent sorts the keys
            int cut = createOptionsText.length() / 2;
            settings.put("createOptions01", createOptionsText.substring(cut));
            settings.put("createOptions", createOptionsText.substring(0, cut));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "docker");
        m.put("status", "running");
        m.put("restartPolicy", "always");
        m.put("settings", settings);
        Map<String, Object> e = new LinkedHashMap<>();
        env.forEach((k, v) -> e.put(k, Map.of("value", v)));
        m.put("env", e);
        return m;
    }

    private static Map<String, Object> camera(String createOptionsText, String mode) {
        Map<String, Object> m = module("example.azurecr.io/camera:2.1", createOptionsText,
                Map.of("RTSP_PASSWORD", "s3cret", "MODE", mode));
        m.put("restartPolicy", "on-unhealthy");
        return m;
    }

    private static String cameraOptions(boolean privileged) {
        return JsonText.write(Map.of(
                "HostConfig", Map.of("Privileged", privileged, "Binds", List.of("/dev:/dev"),
                        "Devices", List.of(Map.of("PathOnHost", "/dev/video0", "PathInContainer", "/dev/video0"))),
                "User", "1000:1000"));
    }

    private static String manifest(String hubImage, Map<String, Object> modules, boolean withAgent) {
        Map<String, Object> system = new LinkedHashMap<>();
        if (withAgent) {
            system.put("edgeAgent", Map.of("type", "docker", "settings", Map.of("image", "mcr.microsoft.com/azureiotedge-agent:1.4")));
        }
        system.put("edgeHub", module(hubImage, "{\"HostConfig\":{\"PortBindings\":{\"443/tcp\":[{\"HostPort\":\"443\"}],"
                + "\"5671/tcp\":[{\"HostPort\":\"5671\"}],\"8883/tcp\":[{\"HostPort\":\"8883\"}]}}}",
                Map.of("OptimizeForPerformance", "false")));
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("schemaVersion", "1.1");
        desired.put("systemModules", system);
        desired.put("modules", modules);
        // the at-scale envelope: content.modulesContent
        return JsonText.write(Map.of("content", Map.of("modulesContent", Map.of(
                "$edgeAgent", Map.of("properties.desired", desired),
                "$edgeHub", Map.of("properties.desired", Map.of("schemaVersion", "1.1", "routes", Map.of()))))));
    }

    private static List<Map<String, Object>> drift(String manifestText) throws Exception {
        return ManifestDrift.compare(ExpectedManifest.parse(manifestText),
                RuntimeModules.fromContainers(ManifestRebuildTest.device(), Map.of()), SOURCE);
    }

    private static Set<String> kinds(List<Map<String, Object>> findings) {
        return findings.stream().map(f -> f.get("DriftKind") + " " + f.get("ModuleName") + " " + f.get("Setting"))
                .collect(Collectors.toSet());
    }

    @Test
    void wideningSettingsNotInTheManifestAreReportedAndRuntimeAdditionsAreNot() throws Exception {
        Map<String, Object> modules = new LinkedHashMap<>();
        modules.put("camera", camera(cameraOptions(true), "day"));
        modules.put("ghost", module("example/ghost", null, Map.of()));
        List<Map<String, Object>> findings = drift(manifest("mcr.microsoft.com/azureiotedge-hub:1.4", modules, true));
        // not reported: edgeHub's workload socket bind and azure-iot-edge network (edgelet adds them), the camera's
        // label=disable (the engine adds it to privileged containers), PidsLimit and Memory (they narrow), User (as deployed)
        assertEquals(Set.of(
                "SettingChanged camera HostConfig.Binds",
                "SettingAdded camera HostConfig.CapAdd",
                "EnvChanged camera env",
                "ModuleMissing ghost null"), kinds(findings));
        Map<String, Object> binds = findings.stream().filter(f -> "HostConfig.Binds".equals(f.get("Setting"))).findFirst().orElseThrow();
        // the manifest states Binds, so the finding is a change, with both complete lists
        assertEquals("[\"/dev:/dev\"]", binds.get("ExpectedValue"));
        assertEquals("[\"/dev:/dev\",\"/var/run/docker.sock:/var/run/docker.sock\"]", binds.get("ActualValue"));
        assertEquals("High", binds.get("Severity"));
        assertEquals("c".repeat(64), binds.get("ContainerId"));
        assertEquals("IoT_ManifestDrift", binds.get("RecommendationType"));
        assertEquals(SOURCE, binds.get("ManifestSource"));
        Map<String, Object> env = findings.stream().filter(f -> "EnvChanged".equals(f.get("DriftKind"))).findFirst().orElseThrow();
        assertTrue(((String) env.get("Description")).endsWith("in MODE"), env.toString());
        assertFalse(env.toString().contains("night") || env.toString().contains("day") || env.toString().contains("s3cret"),
                "environment values are never reported");
    }

    @Test
    void aStatedSettingWithAnotherValueAndAnUntaggedImage() throws Exception {
        Map<String, Object> modules = Map.of("camera", camera(cameraOptions(false), "night"));
        List<Map<String, Object>> findings = drift(manifest("mcr.microsoft.com/azureiotedge-hub", modules, true));
        assertEquals(Set.of(
                "ImageChanged edgeHub settings.image",
                "SettingChanged camera HostConfig.Privileged",
                "SettingChanged camera HostConfig.Binds",
                "SettingAdded camera HostConfig.CapAdd"), kinds(findings));
        Map<String, Object> privileged = findings.stream().filter(f -> "HostConfig.Privileged".equals(f.get("Setting")))
                .findFirst().orElseThrow();
        assertEquals("false", privileged.get("ExpectedValue"));
        assertEquals("true", privileged.get("ActualValue"));
        Map<String, Object> image = findings.stream().filter(f -> "ImageChanged".equals(f.get("DriftKind"))).findFirst().orElseThrow();
        assertEquals("mcr.microsoft.com/azureiotedge-hub:latest", image.get("ExpectedValue"), "no tag means :latest");
    }

    @Test
    void unreadableOptionsAndModulesTheManifestDoesNotHave() throws Exception {
        // Newtonsoft accepts an unquoted key, a strict reader does not: report it, never skip it silently
        Map<String, Object> modules = Map.of("camera", camera("{HostConfig:{\"Privileged\":true}}", "night"));
        List<Map<String, Object>> findings = drift(manifest("mcr.microsoft.com/azureiotedge-hub:1.4", modules, false));
        assertEquals(Set.of(
                "CreateOptionsUnreadable camera settings.createOptions",
                "ModuleNotInManifest edgeAgent null"), kinds(findings));
    }

    @Test
    void theSameDeploymentHasNoDrift() throws Exception {
        String rebuilt = ManifestWriter.toJson(RuntimeModules.fromContainers(ManifestRebuildTest.device(), Map.of()));
        assertEquals(List.of(), drift(rebuilt), "a manifest rebuilt from the device matches the device");
    }
}
