package io.edgesec.manifest.internal.report;

import io.edgesec.manifest.internal.rules.AnalysisResult;
import java.util.List;

/** Writes the results of one run in one format. */
public interface ReportWriter {
    String write(List<AnalysisResult> results);

    /** @return the writer for {@code text}, {@code json} or {@code sarif} */
    static ReportWriter forFormat(String format) {
        return switch (format) {
            case "text" -> new TextReport();
            case "json" -> new JsonReport();
            case "sarif" -> new SarifReport();
            default -> throw new IllegalArgumentException("unknown format '" + format + "' (text, json or sarif)");
        };
    }
}
