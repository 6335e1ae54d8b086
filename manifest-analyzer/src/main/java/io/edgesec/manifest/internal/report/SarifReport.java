package io.edgesec.manifest.internal.report;

import io.edgesec.manifest.internal.model.Location;
import io.edgesec.manifest.internal.rules.AnalysisResult;
import io.edgesec.manifest.internal.rules.Finding;
import io.edgesec.manifest.internal.rules.Rule;
import io.edgesec.manifest.internal.rules.RuleCatalogue;
import io.edgesec.manifest.internal.rules.RuleInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0: every catalogue rule in {@code tool.driver.rules} (stable ruleId and ruleIndex),
 * results with level, security-severity, a logical location (the JSON pointer) and a physical
 * location (line/column in the file, inside the chunk for stringified createOptions),
 * {@code partialFingerprints}, {@code suppressions}; unparseable inputs as
 * {@code toolExecutionNotifications}.
 */
public final class SarifReport implements ReportWriter {
    public static final String TOOL_NAME = "edgesec-manifest-analyzer";
    public static final String TOOL_VERSION = "0.1.0";
    public static final String INFO_URI = "https://github.com/edgesec/edgesec";
    static final String FINGERPRINT_KEY = "iotedgeManifestFinding/v1";

    @Override
    public String write(List<AnalysisResult> results) {
        List<Rule> rules = RuleCatalogue.all();
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", TOOL_NAME);
        driver.put("version", TOOL_VERSION);
        driver.put("semanticVersion", TOOL_VERSION);
        driver.put("informationUri", INFO_URI);
        List<Object> ruleObjs = new ArrayList<>();
        for (Rule r : rules) {
            ruleObjs.add(rule(r.info()));
        }
        driver.put("rules", ruleObjs);

        boolean anyRelative = false;
        List<Object> artifacts = new ArrayList<>();
        List<Object> resultObjs = new ArrayList<>();
        List<Object> notifications = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            AnalysisResult r = results.get(i);
            boolean relative = !Path.of(r.source()).isAbsolute();
            anyRelative |= relative;
            Map<String, Object> art = new LinkedHashMap<>();
            art.put("location", artifactLocation(r.source(), -1));
            artifacts.add(art);
            if (r.failed()) {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("level", "error");
                n.put("message", Map.of("text", r.error().getMessage()));
                Map<String, Object> phys = new LinkedHashMap<>();
                phys.put("artifactLocation", artifactLocation(r.source(), i));
                if (r.error().line() > 0) {
                    Map<String, Object> region = new LinkedHashMap<>();
                    region.put("startLine", r.error().line());
                    region.put("startColumn", r.error().column());
                    phys.put("region", region);
                }
                n.put("locations", List.of(Map.of("physicalLocation", phys)));
                notifications.add(n);
                continue;
            }
            for (Finding f : r.findings()) {
                resultObjs.add(result(f, rules, i));
            }
        }
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("executionSuccessful", notifications.isEmpty());
        if (!notifications.isEmpty()) {
            invocation.put("toolExecutionNotifications", notifications);
        }

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("invocations", List.of(invocation));
        run.put("columnKind", "utf16CodeUnits");
        if (anyRelative) {
            String cwd = Path.of("").toAbsolutePath().toUri().toString();
            run.put("originalUriBaseIds", Map.of("SRCROOT", Map.of("uri", cwd.endsWith("/") ? cwd : cwd + "/")));
        }
        run.put("artifacts", artifacts);
        run.put("results", resultObjs);

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        return Json.pretty(root);
    }

    private static Map<String, Object> rule(RuleInfo info) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", info.id());
        r.put("name", info.name());
        r.put("shortDescription", Map.of("text", info.title()));
        r.put("fullDescription", Map.of("text", info.description()));
        r.put("help", Map.of("text", info.remediation() + " References: " + String.join("; ", info.references()) + "."));
        r.put("helpUri", info.helpUri());
        r.put("defaultConfiguration", Map.of("level", info.severity().sarifLevel()));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("tags", tags(info));
        props.put("security-severity", info.severity().securitySeverity());
        props.put("severity", info.severity().name());
        props.put("precision", "high");
        r.put("properties", props);
        return r;
    }

    static List<String> tags(RuleInfo info) {
        List<String> tags = new ArrayList<>();
        tags.add("security");
        tags.add("iot-edge");
        for (String ref : info.references()) {
            if (!ref.startsWith("https://")) {
                tags.add(ref.replace("CIS Docker 1.6.0 ", "CIS-Docker-").replace(' ', '-'));
            }
        }
        return tags;
    }

    private static Map<String, Object> result(Finding f, List<Rule> rules, int artifactIndex) {
        Location l = f.location();
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("ruleId", f.ruleId());
        int idx = 0;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).info().id().equals(f.ruleId())) {
                idx = i;
            }
        }
        res.put("ruleIndex", idx);
        res.put("level", f.severity().sarifLevel());
        res.put("kind", "fail");
        res.put("message", Map.of("text", f.message()));
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("startLine", l.line());
        region.put("startColumn", l.column());
        region.put("endLine", l.endLine());
        region.put("endColumn", l.endColumn());
        Map<String, Object> phys = new LinkedHashMap<>();
        phys.put("artifactLocation", artifactLocation(f.source(), artifactIndex));
        phys.put("region", region);
        Map<String, Object> logical = new LinkedHashMap<>();
        String ptr = l.logicalPointer();
        logical.put("name", ptr.isEmpty() ? "/" : ptr.substring(ptr.lastIndexOf('/') + 1));
        logical.put("fullyQualifiedName", ptr.isEmpty() ? "/" : ptr);
        logical.put("kind", "property");
        Map<String, Object> loc = new LinkedHashMap<>();
        loc.put("physicalLocation", phys);
        loc.put("logicalLocations", List.of(logical));
        res.put("locations", List.of(loc));
        res.put("partialFingerprints", Map.of(FINGERPRINT_KEY, f.fingerprint()));
        if (f.suppressed()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("kind", f.suppression().inSource() ? "inSource" : "external");
            s.put("status", "accepted");
            if (!f.suppression().justification().isEmpty()) {
                s.put("justification", f.suppression().justification());
            }
            s.put("properties", Map.of("origin", f.suppression().origin()));
            res.put("suppressions", List.of(s));
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("severity", f.severity().name());
        props.put("security-severity", f.severity().securitySeverity());
        if (f.module() != null) {
            props.put("module", f.module());
        }
        props.put("jsonPointer", l.pointer());
        if (l.optionsPointer() != null) {
            props.put("jsonPointerInCreateOptions", l.optionsPointer());
        }
        if (l.chunk() != null) {
            props.put("chunk", l.chunk());
        }
        res.put("properties", props);
        return res;
    }

    static Map<String, Object> artifactLocation(String source, int index) {
        Map<String, Object> a = new LinkedHashMap<>();
        Path p = Path.of(source);
        if (p.isAbsolute()) {
            a.put("uri", p.toUri().toString());
        } else {
            try {
                a.put("uri", new URI(null, null, source.replace('\\', '/'), null).toASCIIString());
            } catch (URISyntaxException e) {
                a.put("uri", source.replace('\\', '/').replace(" ", "%20"));
            }
            a.put("uriBaseId", "SRCROOT");
        }
        if (index >= 0) {
            a.put("index", index);
        }
        return a;
    }
}
