package io.edgesec.manifest.internal.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.manifest.internal.Corpus;
import io.edgesec.manifest.internal.rules.AnalysisResult;
import io.edgesec.manifest.internal.rules.Analyzer;
import io.edgesec.manifest.internal.rules.AnalyzerSettings;
import io.edgesec.manifest.internal.rules.Finding;
import io.edgesec.manifest.internal.rules.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 58 public manifests and the expectations of INDEX.tsv and reference section 3. */
class CorpusTest {
    static final Map<String, AnalysisResult> RESULTS = new HashMap<>();
    static final String INVALID = "Azure__iotedge-lorawan-starterkit__Tools__Cli-LoRa-Device-Provisioning__LoRaWan.Tools.CLI__gateway-deployment-template.json";

    @BeforeAll
    static void analyzeAll() throws Exception {
        Analyzer a = new Analyzer(AnalyzerSettings.defaults());
        for (Path p : Corpus.files()) {
            String name = p.getFileName().toString();
            RESULTS.put(name, a.analyze(Files.readString(p), name));
        }
    }

    static List<Finding> findings(String prefix) {
        List<String> keys = RESULTS.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        assertEquals(1, keys.size(), "one corpus file starts with " + prefix + ": " + keys);
        AnalysisResult r = RESULTS.get(keys.get(0));
        assertNull(r.error(), () -> r.error().getMessage());
        return r.findings();
    }

    static boolean has(String prefix, String rule, String module) {
        return findings(prefix).stream().anyMatch(f -> f.ruleId().equals(rule) && (module == null || module.equals(f.module())) && !f.suppressed());
    }

    static String dump(String prefix) {
        return findings(prefix).stream().map(f -> f.ruleId() + " " + f.module() + " " + f.message()).collect(Collectors.joining("\n"));
    }

    @Test
    void allFiftyEightAreAnalyzedAndOnlyTheInvalidOneFails() throws Exception {
        assertEquals(58, RESULTS.size());
        Map<String, Map<String, String>> index = Corpus.index();
        assertEquals(58, index.size());
        for (Map.Entry<String, Map<String, String>> e : index.entrySet()) {
            AnalysisResult r = RESULTS.get(e.getKey());
            assertNotNull(r, e.getKey());
            boolean strict = e.getValue().get("strict_json").equals("True");
            assertEquals(!strict, r.failed(), e.getKey());
        }
        var err = RESULTS.get(INVALID).error();
        assertEquals(77, err.line());
        assertEquals(15, err.column());
        assertTrue(err.getMessage().startsWith(INVALID + ": line 77, column 15: "), err.getMessage());
    }

    @Test
    void privilegedModulesFoundInEveryFileListedAsPrivileged() throws Exception {
        int checked = 0;
        for (Map.Entry<String, Map<String, String>> e : Corpus.index().entrySet()) {
            String note = e.getValue().get("note");
            if (!note.contains("Privileged") || e.getKey().equals(INVALID) || note.contains("TOP level")) {
                continue;
            }
            checked++;
            assertTrue(has(e.getKey(), "IOTE-001", null), e.getKey() + " lists Privileged but IOTE-001 is missing:\n" + dump(e.getKey()));
        }
        assertTrue(checked >= 9, "privileged corpus files checked: " + checked);
        for (String f : List.of("Azure-Samples__Custom-vision", "Azure-Samples__onnxruntime-iot-edge__AzureML", "Azure-Samples__onnxruntime-iot-edge__deployment-amd64",
                "Azure__iotedge-lorawan-starterkit__LoRaEngine__deployment.template", "ThomasPe", "SaraOlsson", "Railwayrobotics", "Avanade")) {
            assertTrue(has(f, "IOTE-001", null), f);
        }
        assertTrue(has("Azure-Samples__Custom-vision", "IOTE-001", "sensehat-display"));
    }

    @Test
    void unquotedHostConfigKeyRevealsPrivilegedHostNetworkModule() {
        assertTrue(has("Avanade", "IOTE-001", "device"));
        assertTrue(has("Avanade", "IOTE-002", "device"));
        assertTrue(has("Avanade", "IOTE-078", "device"));
        Finding f = findings("Avanade").stream().filter(x -> x.ruleId().equals("IOTE-001") && "device".equals(x.module())).findFirst().orElseThrow();
        assertEquals(46, f.location().line());
        assertEquals("/HostConfig/Privileged", f.location().optionsPointer());
    }

    @Test
    void specificHostIpIsNotAllInterfaces() {
        List<Finding> fs = findings("Azure__iotedge-lorawan-starterkit__LoRaEngine__deployment.template");
        assertTrue(fs.stream().noneMatch(f -> f.ruleId().equals("IOTE-037") && "LoRaWanNetworkSrvModule".equals(f.module())), dump("Azure__iotedge-lorawan-starterkit__LoRaEngine__deployment.template"));
        assertTrue(has("Azure-Samples__Custom-vision", "IOTE-037", "camera-capture"), "5012 on all interfaces");
    }

    @Test
    void misplacedPrivilegedIsInformationalNotPrivileged() {
        assertFalse(has("FixedBuffer", "IOTE-001", null));
        assertTrue(findings("FixedBuffer").stream().anyMatch(f -> f.ruleId().equals("IOTE-080") && f.message().contains("Privileged")));
        assertTrue(findings("FixedBuffer").stream().anyMatch(f -> f.ruleId().equals("IOTE-032") && f.message().contains("/sys")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Azure__iotedge__e2e_deployment_files__connectivity", "Azure__iotedge__e2e_deployment_files__edgehub_restart",
            "SchemaStore__schemastore__src__test__azure-iot-edge-deployment-template-2.0__long_haul",
            "SchemaStore__schemastore__src__test__azure-iot-edge-deployment-template-4.0__nestededge_bottomLayer"})
    void dockerSocket(String file) {
        assertTrue(has(file, "IOTE-030", "networkController"), dump(file));
    }

    @Test
    void iotEdgeManagementSocket() {
        assertTrue(has("SchemaStore__schemastore__src__test__azure-iot-edge-deployment-template-2.0__stress", "IOTE-031", "snitcher"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Azure-Samples__onnxruntime-iot-edge__AzureML", "Azure-Samples__onnxruntime-iot-edge__deployment-amd64",
            "Azure-Samples__video-analyzer-iot-edge-csharp__src__edge__deployment.spatialAnalysis", "Azure-Samples__video-analyzer-iot-edge-csharp__src__edge__deployment.openvino",
            "Azure-Samples__video-analyzer-iot-edge-csharp__src__edge__deployment.template"})
    void hostIpc(String file) {
        assertTrue(has(file, "IOTE-004", null), dump(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Azure-Samples__onnxruntime-iot-edge__AzureML", "SaraOlsson", "Railwayrobotics", "FixedBuffer",
            "Azure-Samples__video-analyzer-iot-edge-csharp__src__edge__deployment.openvino"})
    void devOrSysMounts(String file) {
        assertTrue(findings(file).stream().anyMatch(f -> (f.ruleId().equals("IOTE-032") || f.ruleId().equals("IOTE-035"))
                && (f.message().contains("/dev") || f.message().contains("/sys"))), dump(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Azure__iotedgedev__tests__assets__deployment.manifest_invalid.json", "Azure__iotedgedev__tests__assets__deployment.manifest_invalid_createoptions"})
    void splitCreateOptionsProblems(String file) {
        List<Finding> fs = findings(file).stream().filter(f -> f.ruleId().equals("IOTE-077")).toList();
        assertTrue(fs.stream().anyMatch(f -> "csharpmodule".equals(f.module()) && f.severity() == Severity.HIGH && f.message().contains("createOptions03")), dump(file));
        assertTrue(fs.stream().anyMatch(f -> "csharpfunction".equals(f.module()) && f.message().contains("not an object")), dump(file));
        assertTrue(fs.stream().anyMatch(f -> "tempSensor".equals(f.module()) && f.severity() == Severity.LOW && f.message().contains("512")), dump(file));
    }

    @Test
    void literalSecrets() {
        assertTrue(findings("Azure-Samples__azure-iotedge-blobstorage-sample").stream().anyMatch(f -> f.ruleId().equals("IOTE-063") && f.severity() == Severity.HIGH));
        assertTrue(has("Azure__azure-iot-cli-extension__azext_iot__tests__iothub__configurations__test_edge_deployment.json", "IOTE-060", null));
        assertTrue(has("SchemaStore__schemastore__src__test__azure-iot-edge-deployment-1.0", "IOTE-060", null));
        assertTrue(has("SchemaStore__schemastore__src__test__azure-iot-edge-deployment-2.0", "IOTE-060", null));
        assertFalse(has("Azure-Samples__onnxruntime-iot-edge__AzureML", "IOTE-060", null), "__AML_REGISTRY_PASSWORD is a placeholder");
        assertFalse(has("Azure-Samples__Custom-vision", "IOTE-060", null), "$CONTAINER_REGISTRY_PASSWORD is a placeholder");
        assertTrue(findings("Azure-Samples__live-video-analytics").stream().anyMatch(f -> f.ruleId().equals("IOTE-065") && f.severity() == Severity.INFO));
    }

    @Test
    void hubOwnerAuthDisabledSchemaTtlMqttDebugLayered() {
        assertTrue(has("CloudyEMS", "IOTE-064", null));
        assertTrue(has("CloudyEMS", "IOTE-055", null), "localhost:5000 images");
        assertTrue(has("CloudyEMS", "IOTE-052", null), "debug template");
        assertTrue(has("Azure-Samples__azure-iot-edge-event-grid-sample", "IOTE-072", null));
        assertTrue(findings("Azure__azure-iot-cli-extension__azext_iot__tests__iothub__configurations__test_edge_deployment_ea_v90")
                .stream().filter(f -> f.ruleId().equals("IOTE-076")).count() == 2);
        assertTrue(has("Railwayrobotics", "IOTE-074", null));
        assertTrue(has("SchemaStore__schemastore__src__test__azure-iot-edgehub-deployment-1.2", "IOTE-073", null));
        assertTrue(has("Azure-Samples__azure-iot-edge-devops-sample-dotnet", "IOTE-052", null));
        assertTrue(has("Azure__azure-iot-cli-extension__azext_iot__tests__iothub__configurations__test_edge_deployment_layered", "IOTE-050", "mymodule0"));
        assertTrue(findings("Azure__iotedge-lorawan-starterkit__LoRaEngine__deployment_observability").stream().anyMatch(f -> "IotHubMetricsCollectorModule".equals(f.module())));
        assertTrue(findings("Azure-Samples__iotedge-logging-and-monitoring-solution__EdgeSolution__monitoring").stream().anyMatch(f -> "metricsCollector".equals(f.module())));
        assertFalse(has("Azure__iotedge__e2e_deployment_files__nestededge_middleLayer", "IOTE-054", null), "$upstream images come from the parent");
        assertTrue(has("Azure__iotedgedev__iotedgedev__template", "IOTE-076", null), "placeholder schemaVersion");
    }

    @ParameterizedTest
    @ValueSource(strings = {"microsoft__vscode-azure-iot-edge__assets", "QiMata", "Azure__iotedge__e2e_deployment_files__quickstart",
            "Azure-Samples__iotedge-logging-and-monitoring-solution__EdgeSolution__deployment.manifest"})
    void cleanBaselinesHaveNothingHighOrCritical(String file) {
        assertTrue(findings(file).stream().noneMatch(f -> f.severity().atLeast(Severity.HIGH)), dump(file));
    }
}
