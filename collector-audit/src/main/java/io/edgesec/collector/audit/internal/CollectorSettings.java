package io.edgesec.collector.audit.internal;

import io.edgesec.collector.audit.internal.events.EventKind;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The validated configuration of the audit collector (from {@link AuditCollectorConfig}, or
 * built directly by tests).
 */
public record CollectorSettings(Path logPath, Path stateDirectory, SourceMode sourceMode, Path socketPath,
                                boolean installRules, String ruleKey, Set<EventKind> events, Path passwdPath,
                                long statusIntervalMillis, boolean startAtEnd, String auditctl, long pollMillis,
                                String hostRoot) {

    /** Settings without a host root (the collector runs on the host itself). */
    public CollectorSettings(Path logPath, Path stateDirectory, SourceMode sourceMode, Path socketPath,
                             boolean installRules, String ruleKey, Set<EventKind> events, Path passwdPath,
                             long statusIntervalMillis, boolean startAtEnd, String auditctl, long pollMillis) {
        this(logPath, stateDirectory, sourceMode, socketPath, installRules, ruleKey, events, passwdPath, statusIntervalMillis,
                startAtEnd, auditctl, pollMillis, "");
    }

    /** Where records come from. */
    public enum SourceMode {
        LOG, SOCKET, BOTH;

        static SourceMode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sourceMode '" + s + "' is not one of log, socket, both");
            }
        }

        public boolean log() {
            return this != SOCKET;
        }

        public boolean socket() {
            return this != LOG;
        }
    }

    /**
     * @throws IllegalArgumentException naming the property and the accepted values
     */
    public static CollectorSettings from(AuditCollectorConfig c) {
        if (c.ruleKey().isBlank() || c.ruleKey().length() > 31 || c.ruleKey().chars().anyMatch(ch -> ch <= ' ')) {
            throw new IllegalArgumentException("ruleKey '" + c.ruleKey() + "' must be 1..31 characters without spaces");
        }
        if (c.statusIntervalSeconds() < 1) {
            throw new IllegalArgumentException("statusIntervalSeconds must be at least 1, not " + c.statusIntervalSeconds());
        }
        EnumSet<EventKind> kinds = EventKind.parse(c.events());
        String hostRoot = c.hostRoot().trim();
        if (!hostRoot.isEmpty() && (!hostRoot.startsWith("/") || hostRoot.contains(".."))) {
            throw new IllegalArgumentException("hostRoot '" + c.hostRoot() + "' must be an absolute path without '..'");
        }
        hostRoot = hostRoot.endsWith("/") ? hostRoot.substring(0, hostRoot.length() - 1) : hostRoot;
        return new CollectorSettings(Path.of(c.logPath()), Path.of(c.stateDirectory()), SourceMode.parse(c.sourceMode()),
                Path.of(c.socketPath()), c.installRules(), c.ruleKey(), kinds,
                c.passwdPath().isBlank() ? null : Path.of(c.passwdPath()),
                c.statusIntervalSeconds() * 1000L, c.startAtEnd(), c.auditctlPath(), 200, hostRoot);
    }

    /** The file with the pids of the auditctl runs of the last instance (its own rule changes). */
    public Path auditctlPidsFile() {
        return stateDirectory.resolve("auditctl.pids");
    }

    /** The file holding the log position. */
    public Path positionFile() {
        return stateDirectory.resolve("audit.log.position");
    }
}
