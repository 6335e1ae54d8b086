package io.edgesec.collector.audit.internal;

import io.edgesec.collector.audit.internal.rules.Auditctl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pids of the auditctl runs that installed and removed this collector's rules: this run's
 * (asked of {@link Auditctl} each time) and the last run's (saved at close, because the records of
 * its removals lie after the saved log position and are read by the next start). A CONFIG_CHANGE
 * made by one of them is the collector's own, not someone deleting its rules. Bounded by
 * Auditctl's memory of its runs.
 */
final class OwnAuditctlPids {
    private static final int MAX_SAVED = 1024;
    private final Set<Long> previous;
    private final Auditctl auditctl;

    private OwnAuditctlPids(Set<Long> previous, Auditctl auditctl) {
        this.previous = previous;
        this.auditctl = auditctl;
    }

    /** Reads the last run's pids; a missing or unreadable file is an empty set. */
    static OwnAuditctlPids load(Path file, Auditctl auditctl) {
        Set<Long> pids = new HashSet<>();
        try {
            if (Files.isRegularFile(file) && Files.size(file) < 64 * 1024) {
                for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                    try {
                        pids.add(Long.parseLong(line.trim()));
                    } catch (NumberFormatException e) {
                        // not a pid: ignored (the file is ours, but a damaged one must not stop the collector)
                    }
                    if (pids.size() >= MAX_SAVED) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            // unreadable: the last run's own removals, if read again, are reported as changes by someone else
        }
        return new OwnAuditctlPids(Set.copyOf(pids), auditctl);
    }

    boolean contains(long pid) {
        return previous.contains(pid) || auditctl.startedPids().contains(pid);
    }

    /** Writes this run's pids (atomically); failures are ignored (see {@link #load}). */
    void save(Path file) {
        List<Long> mine = auditctl.startedPids();
        if (mine.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder();
        for (Long pid : mine) {
            b.append(pid).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, b, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // see load()
        }
    }
}
