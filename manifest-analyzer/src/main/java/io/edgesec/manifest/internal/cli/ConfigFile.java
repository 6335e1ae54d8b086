package io.edgesec.manifest.internal.cli;

import io.edgesec.api.json.JsonParseException;
import io.edgesec.api.json.JsonReader;
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
    public static Map<String, Object> properties(String text) throws JsonParseException {
        Map<String, Object> root = JsonReader.parseObject(text);
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
