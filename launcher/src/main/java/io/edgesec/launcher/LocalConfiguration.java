package io.edgesec.launcher;

import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the device's local configuration: JSON in the module twin's shape. Errors name the
 * source (the {@code --config} option or the {@code EDGESEC_CONFIG} variable), file, line and column.
 */
final class LocalConfiguration {
    /**
     * Configuration files the environment names, applied under {@code --config}: a way for a
     * container's environment to give device-policy settings, which the module twin may not set.
     */
    static final String ENV = "EDGESEC_CONFIG";

    private LocalConfiguration() {
    }

    /**
     * @return the files {@code EDGESEC_CONFIG} names (separated by {@code :}, each merged over the
     *     ones before), merged under the {@code --config} file (each may be absent); a property in
     *     both takes the {@code --config} value
     */
    static Map<String, Object> read(Map<String, String> env, Path config) throws UsageException {
        Map<String, Object> doc = new LinkedHashMap<>();
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            // a list like PATH: each file merged over the ones before it
            for (String name : fromEnv.trim().split(":")) {
                if (name.isBlank()) {
                    continue;
                }
                Path file = Path.of(name.trim());
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw new UsageException(ENV + " " + file + ": not a readable file");
                }
                doc = merge(doc, read(file, ENV));
            }
        }
        return config == null ? doc : merge(doc, read(config, "--config"));
    }

    /** @return {@code base} with {@code over} merged in, objects recursively, other values replaced */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        over.forEach((k, v) -> {
            if (v instanceof Map<?, ?> vm && out.get(k) instanceof Map<?, ?> bm) {
                out.put(k, merge((Map<String, Object>) bm, (Map<String, Object>) vm));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    static Map<String, Object> read(Path file) throws UsageException {
        return read(file, "--config");
    }

    private static Map<String, Object> read(Path file, String source) throws UsageException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new UsageException(source + " " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException(source + " " + file + ": cannot read: " + e.getMessage());
        }
        try {
            Map<String, Object> doc = JsonDocuments.object(text);
            // A file may hold a whole twin ("properties": {"desired": {...}}): take the desired part.
            if (doc.get("properties") instanceof Map<?, ?> props && props.get("desired") instanceof Map<?, ?> desired) {
                Map<String, Object> out = new LinkedHashMap<>();
                desired.forEach((k, v) -> out.put(String.valueOf(k), v));
                return out;
            }
            return doc;
        } catch (JsonDocumentException e) {
            throw new UsageException(source + " " + file + ": " + e.getMessage());
        }
    }
}
