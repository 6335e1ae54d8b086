package io.edgesec.manifest.internal.report;

import io.edgesec.manifest.internal.model.Location;
import io.edgesec.manifest.internal.rules.AnalysisResult;
import io.edgesec.manifest.internal.rules.Finding;
import io.edgesec.manifest.internal.rules.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** For a person: per file, grouped by module (most severe module first), most severe finding first. */
public final class TextReport implements ReportWriter {
    private static final String DEPLOYMENT = "(deployment)";

    @Override
    public String write(List<AnalysisResult> results) {
        StringBuilder sb = new StringBuilder(4096);
        for (AnalysisResult r : results) {
            if (r.failed()) {
                sb.append("ERROR ").append(r.error().getMessage()).append("\n\n");
                continue;
            }
            List<Finding> active = r.findings().stream().filter(f -> !f.suppressed()).toList();
            sb.append(r.source()).append(": ").append(summary(active)).append('\n');
            Map<String, List<Finding>> byModule = new LinkedHashMap<>();
            for (Finding f : r.findings()) {
                byModule.computeIfAbsent(f.module() == null ? DEPLOYMENT : f.module(), k -> new ArrayList<>()).add(f);
            }
            List<Map.Entry<String, List<Finding>>> groups = new ArrayList<>(byModule.entrySet());
            groups.sort((a, b) -> {
                int c = worst(a.getValue()).compareTo(worst(b.getValue()));
                return c != 0 ? c : a.getKey().compareToIgnoreCase(b.getKey());
            });
            for (Map.Entry<String, List<Finding>> g : groups) {
                sb.append("\n  ").append(g.getKey().equals(DEPLOYMENT) ? "deployment" : "module " + g.getKey()).append('\n');
                List<Finding> fs = new ArrayList<>(g.getValue());
                fs.sort((a, b) -> a.suppressed() != b.suppressed() ? (a.suppressed() ? 1 : -1) : a.severity().compareTo(b.severity()));
                for (Finding f : fs) {
                    Location l = f.location();
                    String sev = f.suppressed() ? "suppressed" : f.severity().name();
                    sb.append(String.format(Locale.ROOT, "    %-10s %s  %s  (line %d, col %d)%n", sev, f.ruleId(), f.message(), l.line(), l.column()));
                    sb.append("               at ").append(l.logicalPointer());
                    if (l.chunk() != null && !l.chunk().equalsIgnoreCase("createOptions")) {
                        sb.append("  [chunk ").append(l.chunk()).append(']');
                    }
                    sb.append('\n');
                    if (f.suppressed()) {
                        sb.append("               suppressed (").append(f.suppression().describe()).append(")\n");
                    }
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static Severity worst(List<Finding> fs) {
        Severity w = Severity.INFO;
        boolean any = false;
        for (Finding f : fs) {
            if (!f.suppressed() && f.severity().compareTo(w) <= 0) {
                w = f.severity();
                any = true;
            }
        }
        return any ? w : Severity.INFO;
    }

    static String summary(List<Finding> active) {
        if (active.isEmpty()) {
            return "no findings";
        }
        Map<Severity, Integer> n = new EnumMap<>(Severity.class);
        for (Finding f : active) {
            n.merge(f.severity(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder().append(active.size()).append(active.size() == 1 ? " finding (" : " findings (");
        boolean first = true;
        for (Map.Entry<Severity, Integer> e : n.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getValue()).append(' ').append(e.getKey().name().toLowerCase(Locale.ROOT));
        }
        return sb.append(')').toString();
    }
}
