package io.edgesec.aggregator.internal;

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
final class AgentIdentity {
    private static final String[] MACHINE_ID_FILES = {"/host/etc/machine-id", "/etc/machine-id", "/var/lib/dbus/machine-id"};
    private static volatile String derived;

    private AgentIdentity() {
    }

    static String derive() {
        String id = derived;
        if (id == null) {
            id = compute();
            derived = id;
        }
        return id;
    }

    private static String compute() {
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
        return UUID.randomUUID().toString();
    }
}
