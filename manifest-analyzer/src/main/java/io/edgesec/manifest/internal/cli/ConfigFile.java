package io.edgesec.manifest.internal.cli;

import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import io.edgesec.manifest.internal.rules.AnalyzerSettings;
import java.util.Map;

/**
 * Reads the analyzer settings from a JSON configuration file: either the agent's form
 * {@code {"edgesec": {"io.edgesec.manifest": {...}}}} or the inner object alone.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    /** @return the {@code io.edgesec.manifest} properties of the text */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> properties(String text) throws JsonDocumentException {
        Map<String, Object> root = JsonDocuments.object(text);
        Object edgesec = root.get("edgesec");
        if (edgesec instanceof Map<?, ?> e) {
            Object mine = e.get(AnalyzerSettings.PID);
            if (mine instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            if (mine != null) {
                throw new IllegalArgumentException("edgesec." + AnalyzerSettings.PID + " must be an object");
            }
            return Map.of();
        }
        return root;
    }
}
