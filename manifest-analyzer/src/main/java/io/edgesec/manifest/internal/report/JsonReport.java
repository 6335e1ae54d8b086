package io.edgesec.manifest.internal.report;

import io.edgesec.manifest.internal.model.Location;
import io.edgesec.manifest.internal.rules.AnalysisResult;
import io.edgesec.manifest.internal.rules.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Machine-readable JSON: one entry per input with its findings or its error. */
public final class JsonReport implements ReportWriter {
    @Override
    public String write(List<AnalysisResult> results) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", SarifReport.TOOL_NAME);
        root.put("version", SarifReport.TOOL_VERSION);
        List<Object> files = new ArrayList<>();
        int total = 0;
        int errors = 0;
        for (AnalysisResult r : results) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("source", r.source());
            if (r.failed()) {
                errors++;
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("message", r.error().reason());
                e.put("line", r.error().line());
                e.put("column", r.error().column());
                f.put("error", e);
            } else {
                List<Object> fs = new ArrayList<>();
                for (Finding x : r.findings()) {
                    fs.add(finding(x));
                    total += x.suppressed() ? 0 : 1;
                }
                f.put("findings", fs);
            }
            files.add(f);
        }
        root.put("files", files);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("files", results.size());
        summary.put("errors", errors);
        summary.put("findings", total);
        root.put("summary", summary);
        return Json.pretty(root);
    }

    static Map<String, Object> finding(Finding x) {
        Location l = x.location();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", x.ruleId());
        m.put("title", x.rule().title());
        m.put("severity", x.severity().name());
        m.put("message", x.message());
        m.put("module", x.module());
        m.put("pointer", l.pointer());
        m.put("logicalPointer", l.logicalPointer());
        m.put("optionsPointer", l.optionsPointer());
        m.put("chunk", l.chunk());
        m.put("line", l.line());
        m.put("column", l.column());
        m.put("endLine", l.endLine());
        m.put("endColumn", l.endColumn());
        m.put("fingerprint", x.fingerprint());
        m.put("remediation", x.rule().remediation());
        m.put("suppressed", x.suppressed());
        if (x.suppressed()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("kind", x.suppression().inSource() ? "inSource" : "external");
            s.put("origin", x.suppression().origin());
            s.put("justification", x.suppression().justification());
            m.put("suppression", s);
        }
        return m;
    }
}
