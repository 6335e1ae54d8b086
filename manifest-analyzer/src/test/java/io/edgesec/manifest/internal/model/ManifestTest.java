package io.edgesec.manifest.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.manifest.internal.json.JsonNode;
import io.edgesec.manifest.internal.rules.Analyzer;
import io.edgesec.manifest.internal.rules.AnalyzerSettings;
import io.edgesec.manifest.internal.rules.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestTest {
    static String q(String s) {
        return s.replace('\'', '"');
    }

    static final String DESIRED = "{'properties.desired':{'schemaVersion':'1.1','systemModules':{},"
            + "'modules':{'cam':{'type':'docker','settings':{'image':'x/cam:1','createOptions':{'HostConfig':{'Privileged':true}}}}}}}";

    @ParameterizedTest
    @ValueSource(strings = {"{'modulesContent':{'$edgeAgent':%s}}", "{'content':{'modulesContent':{'$edgeAgent':%s}},'priority':10}",
            "{'moduleContent':{'$edgeAgent':%s}}", "{'$schema-template':'4.0.0','modulesContent':{'$edgeAgent':%s}}", "{'$edgeAgent':%s}"})
    void everyEnvelopeFormYieldsTheModules(String form) throws Exception {
        Manifest m = Manifest.parse(q(String.format(form, DESIRED)), "f.json");
        assertNotNull(m.module("cam"));
        assertTrue(Truthy.isTrue(m.module("cam").hostConfig().get("Privileged")));
        List<Finding> fs = new Analyzer(AnalyzerSettings.defaults()).analyze(m);
        assertTrue(fs.stream().anyMatch(f -> f.ruleId().equals("IOTE-001") && f.location().logicalPointer().endsWith("/modules/cam/settings/createOptions/HostConfig/Privileged")));
    }

    @Test
    void edgeHubOnlyDocument() throws Exception {
        Manifest m = Manifest.parse(q("{'$edgeHub':{'properties.desired':{'schemaVersion':'1.2','routes':{'r':'FROM /* INTO $upstream'}}}}"), "hub.json");
        assertEquals(Manifest.Envelope.TWINS_AT_ROOT, m.envelope());
        assertNull(m.agentDesired());
        assertEquals("1.2", m.hubDesired().getString("schemaVersion"));
        assertTrue(m.modules().isEmpty());
    }

    @Test
    void notAManifestIsAnErrorWithPosition() {
        ManifestParseException e = assertThrows(ManifestParseException.class, () -> Manifest.parse("\n  {\"a\": 1}", "x.json"));
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        assertTrue(e.getMessage().startsWith("x.json: line 2, column 3: not an IoT Edge deployment manifest"), e.getMessage());
    }

    @Test
    void invalidJsonNamesLineAndColumn() {
        ManifestParseException e = assertThrows(ManifestParseException.class,
                () -> Manifest.parse("{\n \"modulesContent\": {\n   [\"$spi_dev\"]\n }\n}", "bad.json"));
        assertEquals(3, e.line());
        assertEquals(4, e.column());
    }

    @Test
    void aManifestNestedTooDeepNamesTheLimitAndWhereItWasCrossed() {
        String deep = "[".repeat(300) + "]".repeat(300);
        ManifestParseException e = assertThrows(ManifestParseException.class,
                () -> Manifest.parse("{\n \"modulesContent\": {\n  \"x\": " + deep + "}}", "deep.json"));
        assertEquals(3, e.line());
        assertEquals(7 + 255, e.column()); // the 255th bracket is at depth 257
        assertTrue(e.getMessage().contains("nesting depth (257) exceeds the maximum allowed (256"), e.getMessage());
    }

    @Test
    void createOptionsNestedTooDeepCannotBeParsedAndSaysWhy() throws Exception {
        String deep = "{\\\"a\\\":" + "[".repeat(300) + "]".repeat(300) + "}"; // {"a":[[[...]]]} in a JSON string
        Manifest m = Manifest.parse(q("{'modulesContent':{'$edgeAgent':{'properties.desired':{'modules':{'cam':{'settings':{'image':'x','createOptions':'%s'}}}}}}}")
                .formatted(deep), "deep.json");
        CreateOptions co = m.module("cam").createOptions();
        assertTrue(co.unknown());
        assertTrue(co.problems().stream().anyMatch(p -> p.message().contains("nesting depth (257) exceeds the maximum allowed (256")
                && p.optionsOffset() == 5 + 255), co.problems().toString());
    }

    @Test
    void layeredPathKeysMergeIntoTheModelWithTheirOwnPointers() throws Exception {
        String text = q("{'content':{'modulesContent':{'$edgeAgent':{"
                + "'properties.desired.modules.mod0':{'type':'docker','settings':{'image':'myimage','createOptions':'{\\'HostConfig\\':{\\'PidMode\\':\\'host\\'}}'}},"
                + "'properties.desired.runtime.settings.registryCredentials.acr':{'address':'a.azurecr.io','username':'u','password':'p'}},"
                + "'$edgeHub':{'properties.desired.routes.r0':'FROM /* INTO $upstream'}}}}");
        Manifest m = Manifest.parse(text, "layered.json");
        assertTrue(m.layered());
        ModuleSpec mod = m.module("mod0");
        assertNotNull(mod);
        assertEquals("/content/modulesContent/$edgeAgent/properties.desired.modules.mod0", mod.node().pointer());
        assertEquals("p", m.agentDesired().path("runtime", "settings", "registryCredentials", "acr", "password").asString());
        assertEquals("FROM /* INTO $upstream", m.hubDesired().getObject("routes").getString("r0"));
        List<Finding> fs = new Analyzer(AnalyzerSettings.defaults()).analyze(m);
        assertTrue(fs.stream().anyMatch(f -> f.ruleId().equals("IOTE-003")
                && f.location().pointer().equals("/content/modulesContent/$edgeAgent/properties.desired.modules.mod0/settings/createOptions")));
        assertTrue(fs.stream().anyMatch(f -> f.ruleId().equals("IOTE-050")), "untagged image means :latest");
        assertTrue(fs.stream().anyMatch(f -> f.ruleId().equals("IOTE-060")));
        assertFalse(fs.stream().anyMatch(f -> f.ruleId().equals("IOTE-076")), "layered deployments need no schemaVersion");
    }

    @Test
    void layeredPathKeyOverridesBaseModule() throws Exception {
        String text = q("{'modulesContent':{'$edgeAgent':{'properties.desired':{'modules':{'a':{'settings':{'image':'x:1'}}}},"
                + "'properties.desired.modules.a':{'settings':{'image':'x:2'}}}}}");
        Manifest m = Manifest.parse(text, "f");
        assertEquals("x:2", m.module("a").image());
    }

    static Manifest chunked(String settingsMembers) throws ManifestParseException {
        return Manifest.parse("{\"modulesContent\":{\"$edgeAgent\":{\"properties.desired\":{\"modules\":{\"m\":{\"settings\":{\"image\":\"x:1\","
                + settingsMembers + "}}}}}}}", "chunks.json");
    }

    @Test
    void privilegedFlagSplitAcrossAChunkBoundaryIsFoundInTheRightChunk() throws Exception {
        // "Privi" | "leged": true — the agent sorts by key (file order here is reversed) and joins.
        String text = q("{'modulesContent':{'$edgeAgent':{'properties.desired':{'modules':{'m':{'settings':{'image':'x:1',\n"
                + "'createOptions01':'leged\\':true}}',\n"
                + "'createOptions':'{\\'HostConfig\\':{\\'Privi'}}}}}}}");
        Manifest m = Manifest.parse(text, "split.json");
        CreateOptions co = m.module("m").createOptions();
        assertEquals(CreateOptions.Form.CHUNKED, co.form());
        assertEquals("{\"HostConfig\":{\"Privileged\":true}}", co.joined());
        assertTrue(co.problems().isEmpty(), co.problems().toString());
        JsonNode priv = co.hostConfig().get("Privileged");
        assertTrue(Truthy.isTrue(priv));
        Location loc = m.locate(priv);
        // the member starts in the base chunk (line 3) where "Privi begins
        assertEquals("createOptions", loc.chunk());
        assertEquals(3, loc.line());
        assertEquals(text.split("\n")[2].indexOf("\\\"Privi") + 1, loc.column());
        assertEquals("/HostConfig/Privileged", loc.optionsPointer());
        assertEquals("/modulesContent/$edgeAgent/properties.desired/modules/m/settings/createOptions/HostConfig/Privileged", loc.logicalPointer());
        // the value itself lives in createOptions01 (line 2)
        Location valueLoc = m.locate(co.root().getObject("HostConfig").get("Privileged"));
        assertEquals(valueLoc, loc);
        int trueOffset = co.joined().indexOf("true");
        assertEquals("createOptions01", co.chunkAt(trueOffset).key());
        assertEquals(2, m.lines().line(co.toFileOffset(trueOffset)));
        List<Finding> fs = new Analyzer(AnalyzerSettings.defaults()).analyze(m);
        assertTrue(fs.stream().anyMatch(f -> f.ruleId().equals("IOTE-001")));
    }

    @Test
    void findingInALaterChunkPointsAtThatChunk() throws Exception {
        Manifest m = chunked(q("'createOptions':'{\\'HostConfig\\':{\\'Binds\\':[',\n'createOptions01':'\\'/var/run/docker.sock:/s\\']}}'"));
        List<Finding> fs = new Analyzer(AnalyzerSettings.defaults()).analyze(m);
        Finding f = fs.stream().filter(x -> x.ruleId().equals("IOTE-030")).findFirst().orElseThrow();
        assertEquals("createOptions01", f.location().chunk());
        assertEquals("/modulesContent/$edgeAgent/properties.desired/modules/m/settings/createOptions01", f.location().pointer());
        assertEquals("/HostConfig/Binds/0", f.location().optionsPointer());
        assertEquals(2, f.location().line());
    }

    @Test
    void chunkKeysAreSortedCaseInsensitively() throws Exception {
        CreateOptions co = chunked(q("'CREATEOPTIONS02':'}}','createOptions':'{\\'a\\'','createoptions01':':{'")).module("m").createOptions();
        assertEquals("{\"a\":{}}", co.joined());
        assertTrue(co.problems().isEmpty(), co.problems().toString());
        assertNotNull(co.root());
    }

    @Test
    void chunkGapIsReported() throws Exception {
        CreateOptions co = chunked(q("'createOptions':'{','createOptions01':'\\'a\\':','createOptions03':'1}'")).module("m").createOptions();
        assertEquals(1, co.problems().size());
        assertTrue(co.problems().get(0).message().contains("expected 'createOptions02'"), co.problems().toString());
        assertFalse(co.problems().get(0).warning());
    }

    @Test
    void badSuffixAndMissingBaseAreReported() throws Exception {
        CreateOptions bad = chunked(q("'createOptions':'{}','createOptionsBackup':'x'")).module("m").createOptions();
        assertTrue(bad.problems().stream().anyMatch(p -> p.message().contains("bad name or suffix")), bad.problems().toString());
        CreateOptions noBase = chunked(q("'createOptions01':'{}'")).module("m").createOptions();
        assertTrue(noBase.problems().stream().anyMatch(p -> p.message().contains("must be 'createOptions'")), noBase.problems().toString());
    }

    @Test
    void nonStringChunkIsReportedButJoined() throws Exception {
        CreateOptions co = chunked(q("'createOptions':'{\\'a\\':',\n'createOptions01':{'b':1},'createOptions02':'}'")).module("m").createOptions();
        assertTrue(co.problems().stream().anyMatch(p -> p.message().contains("is a object, not a string")), co.problems().toString());
        assertEquals(1L, ((io.edgesec.manifest.internal.json.JScalar) co.root().getObject("a").get("b")).value());
    }

    @Test
    void toolingLimitsAreWarnings() throws Exception {
        StringBuilder sb = new StringBuilder("'createOptions':'{\\'Env\\':[\\'" + "x".repeat(600) + "'");
        for (int i = 1; i <= 9; i++) {
            sb.append(String.format(",'createOptions%02d':'%s'", i, i == 9 ? "\\']}" : "y"));
        }
        CreateOptions co = chunked(q(sb.toString())).module("m").createOptions();
        assertNotNull(co.root());
        assertTrue(co.problems().stream().allMatch(CreateOptions.Problem::warning), co.problems().toString());
        assertTrue(co.problems().stream().anyMatch(p -> p.message().contains("at most 8")));
        assertTrue(co.problems().stream().anyMatch(p -> p.message().contains("at most 512")));
    }

    @Test
    void moreThanHundredChunksIsAnError() throws Exception {
        StringBuilder sb = new StringBuilder("'createOptions':'{'");
        for (int i = 1; i <= 100; i++) {
            sb.append(String.format(",'createOptions%02d':'%s'", i, " "));
        }
        CreateOptions co = chunked(q(sb.toString())).module("m").createOptions();
        assertTrue(co.problems().stream().anyMatch(p -> !p.warning() && p.message().contains("at most 100")), co.problems().toString());
    }

    @Test
    void unparseableAndNonObjectCreateOptionsAreFindingsNotSkipped() throws Exception {
        Manifest m = chunked(q("'createOptions':'[1,2,3]'"));
        assertTrue(m.module("m").createOptions().unknown());
        List<Finding> fs = new Analyzer(AnalyzerSettings.defaults()).analyze(m);
        assertTrue(fs.stream().anyMatch(f -> f.ruleId().equals("IOTE-077") && f.message().contains("not an object")));
        Manifest u = chunked(q("'createOptions':'{\\'HostConfig\\':{\\'Privileged\\' true}}'"));
        Finding f = new Analyzer(AnalyzerSettings.defaults()).analyze(u).stream().filter(x -> x.ruleId().equals("IOTE-077")).findFirst().orElseThrow();
        assertTrue(f.message().contains("cannot be parsed"), f.message());
        assertEquals("createOptions", f.location().chunk());
    }

    @Test
    void emptyAndNullCreateOptionsMeanNoOptions() throws Exception {
        for (String v : List.of("''", "'null'", "'  '")) {
            CreateOptions co = chunked(q("'createOptions':" + v)).module("m").createOptions();
            assertEquals(CreateOptions.Form.EMPTY, co.form());
            assertFalse(co.unknown());
            assertTrue(co.problems().isEmpty());
        }
    }

    @Test
    void unquotedHostConfigKeyStillRevealsPrivilegedHostNetwork() throws Exception {
        Manifest m = chunked(q("'createOptions':'{\\'NetworkingConfig\\':{},HostConfig:{\\'Privileged\\': true,\\'NetworkMode\\': \\'host\\'}}'"));
        List<String> ids = new Analyzer(AnalyzerSettings.defaults()).analyze(m).stream().map(Finding::ruleId).toList();
        assertTrue(ids.containsAll(List.of("IOTE-001", "IOTE-002", "IOTE-078")), ids.toString());
    }

    @Test
    void stringTrueIsTruthyAsNewtonsoftCoercesIt() throws Exception {
        Manifest m = chunked(q("'createOptions':'{\\'hostconfig\\':{\\'privileged\\':\\'True\\'}}'"));
        assertTrue(new Analyzer(AnalyzerSettings.defaults()).analyze(m).stream().anyMatch(f -> f.ruleId().equals("IOTE-001")));
    }

    @Test
    void placeholdersAreUnknownNotSafe() throws Exception {
        assertTrue(Placeholders.contains("${MODULES.x.amd64}"));
        assertTrue(Placeholders.contains("$CONTAINER_REGISTRY_PASSWORD"));
        assertTrue(Placeholders.contains("$workspace_key"));
        assertTrue(Placeholders.contains("<CR.Password>"));
        assertTrue(Placeholders.contains("__AML_REGISTRY_PASSWORD"));
        assertTrue(Placeholders.contains("REPLACE_ME"));
        assertTrue(Placeholders.contains("loraedge/x:[$lora_version]"));
        assertFalse(Placeholders.contains("$upstream:443/azureiotedge-hub:1.5"));
        assertFalse(Placeholders.contains("hunter2"));
        assertFalse(Placeholders.contains("FROM /* INTO $upstream"));
        Manifest m = chunked(q("'createOptions':{'HostConfig':{'Binds':['$DATA_DIR:/data'],'NetworkMode':'${NET}'}}"));
        List<Finding> fs = new Analyzer(AnalyzerSettings.defaults()).analyze(m);
        assertEquals(2, fs.stream().filter(f -> f.ruleId().equals("IOTE-084")).count(), fs.toString());
        assertTrue(fs.stream().noneMatch(f -> f.ruleId().equals("IOTE-033") || f.ruleId().equals("IOTE-002")));
    }

    @Test
    void bindsParseWindowsDrivesVolumesAndOptions() {
        HostMount w = HostMount.fromBind("c:\\iotedge:/appdata/", null);
        assertEquals("c:\\iotedge", w.source());
        assertEquals("/appdata/", w.target());
        assertTrue(w.hostPath());
        HostMount v = HostMount.fromBind("blobvolume:/blobroot", null);
        assertFalse(v.hostPath());
        HostMount o = HostMount.fromBind("/dev:/dev:ro,rshared", null);
        assertTrue(o.readOnly());
        assertEquals("rshared", o.propagation());
    }

    @Test
    void imageRefsFollowTheAgent() {
        assertEquals("latest", ImageRef.parse("myimageuri").effectiveTag());
        assertEquals("docker.io", ImageRef.parse("redis:6").registry());
        ImageRef up = ImageRef.parse(" $upstream:443/azureiotedge-hub:1.5 ");
        assertTrue(up.upstream());
        assertEquals("1.5", up.tag());
        ImageRef local = ImageRef.parse("localhost:5000/filter");
        assertEquals("localhost:5000", local.registry());
        assertNull(local.tag());
        assertEquals("sha256:ab", ImageRef.parse("mcr.microsoft.com/a@sha256:ab").digest());
    }
}
