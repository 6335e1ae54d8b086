package io.edgesec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.json.JsonReader;
import io.edgesec.api.json.JsonWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** edgesec's own IoT Edge deployment (deploy/) passes its own analyzer and its twin configuration is valid. */
class DeploymentTest {
    static final Path MANIFEST = CommandLineTest.ROOT.resolve("deploy/deployment.template.json");
    /** Both deployment profiles: least privilege, and full visibility (host PID namespace, audit capabilities). */
    static java.util.stream.Stream<Path> manifests() {
        return java.util.stream.Stream.of(MANIFEST, CommandLineTest.ROOT.resolve("deploy/deployment.full-visibility.template.json"));
    }

    @TempDir
    Path tmp;

    private int edgesec(Path out, String... args) throws Exception {
        return edgesec(out, Map.of(), args);
    }

    private int edgesec(Path out, Map<String, String> env, String... args) throws Exception {
        List<String> c = new java.util.ArrayList<>(List.of(CommandLineTest.JAVA, "-jar", CommandLineTest.JAR.toString()));
        c.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(c).redirectOutput(out.toFile()).redirectError(tmp.resolve("err").toFile());
        pb.environment().remove("EDGESEC_CONFIG");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("manifests")
    @SuppressWarnings("unchecked")
    void ownDeploymentHasNoHighFindingsAndEverySuppressionIsJustified(Path manifest) throws Exception {
        Path sarif = tmp.resolve("out.sarif");
        assertEquals(0, edgesec(sarif, "analyze", "--format", "sarif", "--fail-on", "high", manifest.toString()),
                Files.readString(tmp.resolve("err")));
        Map<String, Object> log = JsonReader.parseObject(Files.readString(sarif));
        List<Map<String, Object>> results = (List<Map<String, Object>>) ((List<Map<String, Object>>) log.get("runs")).get(0).get("results");
        for (Map<String, Object> r : results) {
            String level = String.valueOf(r.get("level"));
            boolean suppressed = r.get("suppressions") instanceof List<?> s && !s.isEmpty();
            assertTrue(suppressed || !"error".equals(level), "unsuppressed error-level finding: " + JsonWriter.write(r));
            if (suppressed) {
                String justification = String.valueOf(((List<Map<String, Object>>) r.get("suppressions")).get(0).get("justification"));
                assertTrue(justification.contains("security agent"), "suppression without its reason: " + JsonWriter.write(r));
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("manifests")
    @SuppressWarnings("unchecked")
    void ownDeploymentsModuleTwinIsAValidConfiguration(Path file) throws Exception {
        Map<String, Object> manifest = JsonReader.parseObject(Files.readString(file));
        Map<String, Object> desired = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) manifest.get("modulesContent"))
                .get("edgesec")).get("properties.desired");
        Path twin = tmp.resolve("twin.json");
        Files.writeString(twin, JsonWriter.write(Map.of("properties", Map.of("desired", desired))));
        // the device's own configuration the profile selects (EDGESEC_CONFIG in its createOptions,
        // files of the image's /etc/edgesec/, which come from deploy/container/)
        Map<String, Object> module = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                manifest.get("modulesContent")).get("$edgeAgent")).get("properties.desired")).get("modules")).get("edgesec");
        Map<String, Object> settings = (Map<String, Object>) module.get("settings");
        StringBuilder createOptions = new StringBuilder(String.valueOf(settings.get("createOptions")));
        for (int i = 1; settings.containsKey(String.format("createOptions%02d", i)); i++) {
            createOptions.append(settings.get(String.format("createOptions%02d", i)));
        }
        String deviceConfig = ((List<String>) JsonReader.parseObject(createOptions.toString()).get("Env")).stream()
                .filter(e -> e.startsWith("EDGESEC_CONFIG=")).findFirst().orElseThrow().substring("EDGESEC_CONFIG=".length());
        StringBuilder local = new StringBuilder();
        for (String f : deviceConfig.split(":")) {
            assertTrue(f.startsWith("/etc/edgesec/"), f);
            Path carried = CommandLineTest.ROOT.resolve("deploy/container").resolve(f.substring("/etc/edgesec/".length()));
            assertTrue(Files.isRegularFile(carried), "EDGESEC_CONFIG names " + f + ", which the image does not carry");
            local.append(local.length() == 0 ? "" : ":").append(carried);
        }
        int exit = edgesec(tmp.resolve("out"), Map.of("EDGESEC_CONFIG", local.toString()), "run", "--config", twin.toString(),
                "--duration", "2", "--output", tmp.resolve("msgs.jsonl").toString(), "--data-dir", tmp.resolve("data").toString());
        assertEquals(0, exit, Files.readString(tmp.resolve("err")));
    }
}
