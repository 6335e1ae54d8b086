package io.edgesec.collector.docker.internal.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonDocumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedManifestTest {

    @Test
    void layeredPathKeysAndAgentDefaults() throws Exception {
        List<ModuleSpec> modules = ExpectedManifest.parse("""
                {"modulesContent":{"$edgeAgent":{
                  "properties.desired.modules.sensor":{"type":"docker","settings":{"image":" example/sensor ",
                    "createOptions":{"HostConfig":{"Privileged":true}}}}}}}
                """);
        assertEquals(1, modules.size());
        ModuleSpec m = modules.get(0);
        assertEquals("sensor", m.name());
        assertEquals("example/sensor:latest", m.image());
        assertEquals("running", m.status());
        assertEquals("on-unhealthy", m.restartPolicy(), "the agent's default restart policy");
        assertEquals(Map.of("Privileged", true), m.createOptions().get("HostConfig"), "a template's object createOptions");
    }

    @Test
    void chunkGapsAreReportedPerModule() throws Exception {
        List<ModuleSpec> modules = ExpectedManifest.parse("""
                {"modulesContent":{"$edgeAgent":{"properties.desired":{"modules":{"m":{"settings":{"image":"x:1",
                  "createOptions":"{\\"A\\":","createOptions02":"1}"}}}}}}}
                """);
        assertNull(modules.get(0).createOptions());
        assertTrue(modules.get(0).createOptionsProblem().contains("createOptions02"), modules.get(0).createOptionsProblem());
    }

    @Test
    void notAManifest() {
        JsonDocumentException e = assertThrows(JsonDocumentException.class, () -> ExpectedManifest.parse("{\"a\":1}"));
        assertTrue(e.getMessage().contains("$edgeAgent"));
        assertThrows(JsonDocumentException.class, () -> ExpectedManifest.parse("{\"modulesContent\": "));
    }

    @Test
    void imageTags() {
        assertEquals("mcr.microsoft.com/azureiotedge-hub:1.4", ExpectedManifest.normalizeImage("mcr.microsoft.com/azureiotedge-hub:1.4"));
        assertEquals("localhost:5000/a/b:latest", ExpectedManifest.normalizeImage("localhost:5000/a/b"));
        assertEquals("a@sha256:00", ExpectedManifest.normalizeImage("a@sha256:00"));
    }
}
