package io.edgesec.collector.audit.internal.cli;

import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The detector settings for a replay: a configuration file's {@code io.edgesec.detector} object, or that object alone. */
final class DetectorConfigFile {
    static final String PID = "io.edgesec.detector";
    private static final long MAX = 4L << 20;

    private DetectorConfigFile() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path p) throws IOException {
        if (Files.size(p) > MAX) {
            throw new IllegalArgumentException("larger than " + MAX + " bytes");
        }
        Map<String, Object> doc;
        try {
            doc = JsonDocuments.object(Files.readString(p, StandardCharsets.UTF_8));
        } catch (JsonDocumentException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage());
        }
        if (doc.get("edgesec") instanceof Map<?, ?> section) {
            Object d = section.get(PID);
            if (d == null) {
                return Map.of();
            }
            if (!(d instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("edgesec." + PID + " is not an object");
            }
            return (Map<String, Object>) d;
        }
        return doc;
    }
}
