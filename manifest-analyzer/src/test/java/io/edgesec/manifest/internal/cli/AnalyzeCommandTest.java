package io.edgesec.manifest.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.edgesec.manifest.internal.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = AnalyzeCommand.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text.replace('\'', '"'));
        return p;
    }

    static final String PRIVILEGED = "{'modulesContent':{'$edgeAgent':{'properties.desired':{'schemaVersion':'1.1','modules':{'m':{'type':'docker',"
            + "'settings':{'image':'mcr.microsoft.com/m:1.2.3','createOptions':'{\\'HostConfig\\':{\\'Privileged\\':true}}'}}}}}}}";
    static final String MILD = "{'modulesContent':{'$edgeAgent':{'properties.desired':{'schemaVersion':'1.1','modules':{'m':{'type':'docker',"
            + "'settings':{'image':'mcr.microsoft.com/m:1.2.3','createOptions':'{}'}}}}}}}";

    @Test
    void helpDocumentsFormatsThresholdDefaultAndSuppressions() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String s : List.of("--format text|json|sarif", "--fail-on", "default: high", "edgesec.suppress", "EDGESEC_SUPPRESS", "Exit status")) {
            assertTrue(r.out().contains(s), s);
        }
    }

    @Test
    void exitCodesFollowTheThreshold() throws Exception {
        Path priv = write("priv.json", PRIVILEGED);
        Path mild = write("mild.json", MILD);
        assertEquals(1, run(priv.toString()).code());
        assertEquals(0, run(mild.toString()).code(), run(mild.toString()).out());
        assertEquals(1, run("--fail-on", "medium", mild.toString()).code(), "no memory limit is MEDIUM");
        assertEquals(0, run("--fail-on", "none", priv.toString()).code());
        assertEquals(1, run("--fail-on", "CRITICAL", priv.toString()).code());
    }

    @Test
    void unparseableInputGivesExitTwoWithFileLineColumnAndNoStackTrace() throws Exception {
        Path bad = write("bad.json", "{\n  'modulesContent': {\n    ['x']\n  }\n}");
        Path priv = write("priv.json", PRIVILEGED);
        Run r = run(priv.toString(), bad.toString());
        assertEquals(2, r.code());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].contains(bad.toString() + ": line 3, column 5: "), lines[0]);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertTrue(r.out().contains("IOTE-001"), "the readable file is still reported");
        Run missing = run(tmp.resolve("nope.json").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.json: cannot read: no such file"), missing.err());
    }

    @Test
    void aFileLargerThanTheLimitIsAnInputErrorNamingItAndTheLimit() throws Exception {
        Path large = tmp.resolve("large.json");
        Files.writeString(large, "[" + " ".repeat(8 << 20) + "]");
        Run r = run(large.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(large + ": too large: more than 8388608 bytes (8 MiB)"), r.err());
    }

    @Test
    void badArgumentsAreExitTwo() {
        assertEquals(2, run().code());
        assertEquals(2, run("--format", "xml", "f.json").code());
        assertEquals(2, run("--fail-on", "severe", "f.json").code());
        assertEquals(2, run("--bogus").code());
        assertEquals(2, run("--format").code());
    }

    @Test
    void textOutputGroupsByModuleMostSevereFirst() throws Exception {
        Path p = write("two.json", "{'modulesContent':{'$edgeAgent':{'properties.desired':{'schemaVersion':'1.1','modules':{"
                + "'a':{'settings':{'image':'mcr.microsoft.com/a:1.2.3','createOptions':'{}'}},"
                + "'b':{'settings':{'image':'mcr.microsoft.com/b:1.2.3','createOptions':'{\\'HostConfig\\':{\\'Privileged\\':true}}'}}}}}}}");
        String out = run("--fail-on", "none", p.toString()).out();
        assertTrue(out.indexOf("module b") < out.indexOf("module a"), out);
        int crit = out.indexOf("CRITICAL");
        int medium = out.indexOf("MEDIUM", out.indexOf("module b"));
        assertTrue(crit > 0 && crit < medium, out);
    }

    @Test
    void configFileSuppressesAndReportsTheSuppression() throws Exception {
        Path priv = write("priv.json", PRIVILEGED);
        Path cfg = write("cfg.json", "{'edgesec':{'io.edgesec.manifest':{'suppressions':['IOTE-001:m=needs GPIO'],'failOn':'critical'}}}");
        Run r = run("--config", cfg.toString(), priv.toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("suppressed IOTE-001") && r.out().contains("needs GPIO"), r.out());
        Path badCfg = write("bad.cfg", "{'suppressions': 'IOTE-1'}");
        Run b = run("--config", badCfg.toString(), priv.toString());
        assertEquals(2, b.code());
        assertTrue(b.err().contains("suppressions"), b.err());
    }

    @Test
    void moduleAnnotationSuppresses() throws Exception {
        Path p = write("ann.json", "{'modulesContent':{'$edgeAgent':{'properties.desired':{'schemaVersion':'1.1','modules':{'m':{'type':'docker',"
                + "'settings':{'image':'mcr.microsoft.com/m:1.2.3','createOptions':'{\\'Labels\\':{\\'edgesec.suppress\\':\\'IOTE-001; GPIO access\\'},\\'HostConfig\\':{\\'Privileged\\':true}}'}}}}}}}");
        Run r = run("--format", "json", p.toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("\"kind\": \"inSource\"") && r.out().contains("GPIO access"), r.out());
    }

    @Test
    void sarifForTheWholeCorpusValidatesAgainstTheSchema() throws Exception {
        List<String> args = new ArrayList<>(List.of("--format", "sarif", "--fail-on", "none"));
        for (Path p : Corpus.files()) {
            args.add(p.toString());
        }
        Run r = run(args.toArray(String[]::new));
        assertEquals(2, r.code(), "the corpus has one invalid file");
        ObjectMapper om = new ObjectMapper();
        JsonNode doc = om.readTree(r.out());
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Corpus.shared().resolve("reference/schemas/sarif-schema-2.1.0.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        Set<ValidationMessage> errors = schema.validate(doc);
        assertTrue(errors.isEmpty(), errors.toString());

        JsonNode run0 = doc.get("runs").get(0);
        assertEquals(67, run0.get("tool").get("driver").get("rules").size());
        assertFalse(run0.get("invocations").get(0).get("executionSuccessful").asBoolean());
        JsonNode note = run0.get("invocations").get(0).get("toolExecutionNotifications").get(0);
        assertEquals(77, note.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt());
        boolean sawChunk = false;
        for (JsonNode res : run0.get("results")) {
            String id = res.get("ruleId").asText();
            JsonNode rule = run0.get("tool").get("driver").get("rules").get(res.get("ruleIndex").asInt());
            assertEquals(id, rule.get("id").asText());
            String sev = res.get("properties").get("severity").asText();
            String level = res.get("level").asText();
            assertEquals(switch (sev) { case "CRITICAL", "HIGH" -> "error"; case "MEDIUM" -> "warning"; default -> "note"; }, level);
            assertTrue(res.get("locations").get(0).get("logicalLocations").get(0).get("fullyQualifiedName").asText().startsWith("/"));
            assertTrue(res.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt() >= 1);
            assertTrue(res.get("partialFingerprints").size() == 1);
            sawChunk |= id.equals("IOTE-077") && res.get("properties").get("jsonPointer").asText().endsWith("/settings/createOptions03");
        }
        assertTrue(sawChunk, "the chunk gap of the iotedgedev manifests is located at createOptions03");
        assertTrue(run0.get("tool").get("driver").get("rules").get(0).get("properties").get("security-severity").asText().equals("10.0"));
    }

    @Test
    void sarifWithSuppressionValidates() throws Exception {
        Path priv = write("priv.json", PRIVILEGED);
        Path cfg = write("cfg.json", "{'suppressions':['IOTE-001=accepted risk']}");
        Run r = run("--format", "sarif", "--config", cfg.toString(), priv.toString());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Corpus.shared().resolve("reference/schemas/sarif-schema-2.1.0.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        assertTrue(schema.validate(doc).isEmpty());
        boolean found = false;
        for (JsonNode res : doc.get("runs").get(0).get("results")) {
            if (res.get("ruleId").asText().equals("IOTE-001")) {
                assertEquals("external", res.get("suppressions").get(0).get("kind").asText());
                assertEquals("accepted risk", res.get("suppressions").get(0).get("justification").asText());
                found = true;
            }
        }
        assertTrue(found);
    }
}
