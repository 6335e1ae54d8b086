package io.edgesec.aggregator.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A stable agent id without configuration: a name-based UUID of the host's machine id, so the
 * same device keeps its id across restarts and reinstalls (the Azure installer ran uuidgen
 * once and stored it; a container has no such place unless a volume is mounted).
 */
public final class AgentIdentity {
    private static final String[] MACHINE_ID_FILES = {"/host/etc/machine-id", "/etc/machine-id", "/var/lib/dbus/machine-id"};
    private static volatile String derived;

    private AgentIdentity() {
    }

    private static volatile Path dataDir;

    /** Where a random id is kept if the host has no machine id (the launcher's data directory). */
    public static void dataDir(Path dir) {
        dataDir = dir;
    }

    static String derive() {
        return derive(dataDir);
    }

    /**
     * @param dataDir where a random id is kept when the host has no machine id, so the agent
     *                keeps one id across restarts; null: not kept
     */
    static String derive(Path dataDir) {
        String id = derived;
        if (id == null) {
            id = compute(dataDir);
            derived = id;
        }
        return id;
    }

    private static String compute(Path dataDir) {
        for (String f : MACHINE_ID_FILES) {
            try {
                String machineId = Files.readString(Path.of(f), StandardCharsets.US_ASCII).trim();
                if (!machineId.isEmpty()) {
                    return UUID.nameUUIDFromBytes(("edgesec:" + machineId).getBytes(StandardCharsets.US_ASCII)).toString();
                }
            } catch (IOException | RuntimeException e) {
                // try the next file
            }
        }
        if (dataDir != null) {
            Path file = dataDir.resolve("agent-id");
            try {
                String kept = Files.readString(file, StandardCharsets.US_ASCII).trim();
                return UUID.fromString(kept).toString();
            } catch (IOException | IllegalArgumentException e) {
                String id = UUID.randomUUID().toString();
                try {
                    Files.createDirectories(dataDir);
                    Files.writeString(file, id + "\n", StandardCharsets.US_ASCII);
                } catch (IOException ex) {
                    // not kept: a new id at the next start
                }
                return id;
            }
        }
        return UUID.randomUUID().toString();
    }
}
