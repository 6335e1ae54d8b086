package io.edgesec.detector.internal.osgi;

import io.edgesec.support.json.JsonDocuments;
import io.edgesec.support.json.JsonText;
import io.edgesec.detector.internal.engine.DetectionEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The engine state kept across a detector update or restart: the open fold windows (so repeats
 * after the update fold into the alert already sent instead of raising it again), brute-force
 * failures (so an attack that spans the update still completes), downloads being watched. Written
 * atomically (temporary file, rename); a missing, damaged or old file starts an empty engine.
 */
final class EngineState {
    private static final Logger LOG = Logger.getLogger(EngineState.class.getName());
    private static final long MAX_BYTES = 64L << 20;

    private EngineState() {
    }

    static void save(Path file, DetectionEngine engine) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", 1);
        doc.put("savedAt", Instant.now().toString());
        doc.put("state", engine.stateSnapshot());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, JsonText.write(doc), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warning("detector: cannot save its state to " + file + ": " + e);
        }
    }

    @SuppressWarnings("unchecked")
    static void restore(Path file, DetectionEngine engine) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                LOG.warning("detector: state file " + file + " is too large, ignored");
                return;
            }
            Map<String, Object> doc = JsonDocuments.object(Files.readString(file, StandardCharsets.UTF_8));
            if (doc.get("state") instanceof Map<?, ?> state) {
                Map<String, List<Map<String, Object>>> typed = new LinkedHashMap<>();
                state.forEach((k, v) -> {
                    if (v instanceof List<?> l) {
                        typed.put(String.valueOf(k), (List<Map<String, Object>>) l);
                    }
                });
                engine.restoreState(typed, Instant.now());
            }
            Files.deleteIfExists(file); // taken: a later crash must not bring back stale state
        } catch (IOException | io.edgesec.support.json.JsonDocumentException | RuntimeException e) {
            LOG.warning("detector: state file " + file + " unreadable, starting empty: " + e);
        }
    }
}
