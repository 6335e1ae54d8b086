package io.edgesec.aggregator.internal.health;

import io.edgesec.support.json.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * {@code <data dir>/health.json}: the agent's health for {@code edgesec health} (the image's
 * HEALTHCHECK runs it in a process of its own). Replaced atomically (written beside, then
 * renamed), so a reader never sees half a document.
 */
public final class HealthFile {
    public static final String NAME = "health.json";
    private final Path file;
    private final Path temp;

    public HealthFile(Path dataDir) {
        this.file = dataDir.resolve(NAME);
        this.temp = dataDir.resolve(NAME + ".tmp");
    }

    public Path path() {
        return file;
    }

    public void write(Map<String, Object> document) throws IOException {
        Files.writeString(temp, JsonText.write(document), StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
