package io.edgesec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonDocuments;
import io.edgesec.support.json.JsonText;
import io.edgesec.itest.edge.EdgeModuleSpec;
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
        List<String> c = new java.util.ArrayList<>(List.of(CommandLineTest.JAVA, "-jar", CommandLineTest.JAR.toString()));
        c.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(c).redirectOutput(out.toFile()).redirectError(tmp.resolve("err").toFile());
        pb.environment().remove("EDGESEC_CONFIG"); // only the files the test names
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
        Map<String, Object> log = JsonDocuments.object(Files.readString(sarif));
        List<Map<String, Object>> results = (List<Map<String, Object>>) ((List<Map<String, Object>>) log.get("runs")).get(0).get("results");
        for (Map<String, Object> r : results) {
            String level = String.valueOf(r.get("level"));
            boolean suppressed = r.get("suppressions") instanceof List<?> s && !s.isEmpty();
            assertTrue(suppressed || !"error".equals(level), "unsuppressed error-level finding: " + JsonText.write(r));
            if (suppressed) {
                String justification = String.valueOf(((List<Map<String, Object>>) r.get("suppressions")).get(0).get("justification"));
                assertTrue(justification.contains("security agent"), "suppression without its reason: " + JsonText.write(r));
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("manifests")
    @SuppressWarnings("unchecked")
    void ownDeploymentsModuleTwinIsAValidConfiguration(Path file) throws Exception {
        Map<String, Object> desired = EdgeModuleSpec.read(file, "edgesec").desired();
        Path twin = tmp.resolve("twin.json");
        Files.writeString(twin, JsonText.write(Map.of("properties", Map.of("desired", desired))));
        int exit = edgesec(tmp.resolve("out"), "run", "--config", twin.toString(), "--duration", "2", "--output",
                tmp.resolve("msgs.jsonl").toString(), "--data-dir", tmp.resolve("data").toString());
        assertEquals(0, exit, Files.readString(tmp.resolve("err")));
    }

    /**
     * What the device policy keeps local (procRoot, log paths, installRules ...) is never in the
     * manifest's twin: the agent would reject the whole desired document, and nothing of it
     * would apply. Those settings are in the profile's file in the image, which the manifest's
     * Cmd names; that file is a valid local configuration.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("manifests")
    @SuppressWarnings("unchecked")
    void ownDeploymentsTwinSetsNothingLocalOnlyAndItsProfileIsAValidLocalConfiguration(Path file) throws Exception {
        List<String> localOnly = List.of((String[]) io.edgesec.configuration.internal.DevicePolicyConfig.class
                .getMethod("localOnly").getDefaultValue());
        EdgeModuleSpec spec = EdgeModuleSpec.read(file, "edgesec");
        Map<String, Object> desired = spec.desired();
        Map<String, Object> edgesec = (Map<String, Object>) desired.getOrDefault("edgesec", Map.of());
        edgesec.forEach((pid, props) -> {
            assertTrue(!localOnly.contains(pid), file + ": the twin sets " + pid + ", which is local-only");
            if (props instanceof Map<?, ?> m) {
                m.keySet().forEach(k -> assertTrue(!localOnly.contains(pid + "/" + k),
                        file + ": the twin sets " + pid + "/" + k + ", which is local-only"));
            }
        });
        List<String> cmd = (List<String>) spec.createOptions().get("Cmd");
        assertEquals("--config", cmd.get(0), file + ": Cmd " + cmd);
        String prefix = "/opt/edgesec/profiles/";
        assertTrue(cmd.get(1).startsWith(prefix), file + ": Cmd " + cmd);
        Path profile = CommandLineTest.ROOT.resolve("deploy/profiles").resolve(cmd.get(1).substring(prefix.length()));
        assertTrue(Files.isRegularFile(profile), profile + " (named by " + file + ")");
        // run with it, installRules off (this test must not change the host's audit rules; the
        // full-visibility container test runs the profile as it is)
        Map<String, Object> local = JsonDocuments.object(Files.readString(profile));
        Map<String, Object> audit = (Map<String, Object>) ((Map<String, Object>) local.get("edgesec")).get("io.edgesec.collector.audit");
        if (audit != null && audit.containsKey("installRules")) {
            assertEquals(Boolean.TRUE, audit.get("installRules"), profile.toString());
            audit.put("installRules", false);
        }
        Path checked = Files.writeString(tmp.resolve("profile.json"), JsonText.write(local));
        int exit = edgesec(tmp.resolve("out"), "run", "--config", checked.toString(), "--duration", "2", "--output",
                tmp.resolve("msgs.jsonl").toString(), "--data-dir", tmp.resolve("data").toString());
        assertEquals(0, exit, Files.readString(tmp.resolve("err")));
    }
}
