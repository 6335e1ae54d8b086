package io.edgesec.manifest.internal.rules;

import io.edgesec.manifest.internal.model.ManifestParseException;
import java.util.List;

/**
 * The outcome for one input: its findings, or the error that stopped it from being read.
 *
 * @param source   the input name as given
 * @param findings findings (suppressed ones included, marked), sorted by module and severity
 * @param error    null, or why the input could not be parsed
 */
public record AnalysisResult(String source, List<Finding> findings, ManifestParseException error) {
    public boolean failed() {
        return error != null;
    }
}
