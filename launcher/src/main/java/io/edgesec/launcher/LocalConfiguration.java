package io.edgesec.launcher;

import io.edgesec.api.json.JsonParseException;
import io.edgesec.api.json.JsonReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a --config file: JSON in the module twin's shape. Errors name file, line and column. */
final class LocalConfiguration {
    private LocalConfiguration() {
    }

    static Map<String, Object> read(Path file) throws UsageException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new UsageException("--config " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException("--config " + file + ": cannot read: " + e.getMessage());
        }
        try {
            Map<String, Object> doc = JsonReader.parseObject(text);
            // A file may hold a whole twin ("properties": {"desired": {...}}): take the desired part.
            if (doc.get("properties") instanceof Map<?, ?> props && props.get("desired") instanceof Map<?, ?> desired) {
                Map<String, Object> out = new LinkedHashMap<>();
                desired.forEach((k, v) -> out.put(String.valueOf(k), v));
                return out;
            }
            return doc;
        } catch (JsonParseException e) {
            throw new UsageException("--config " + file + ": " + e.getMessage());
        }
    }
}
