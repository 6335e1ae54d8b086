package io.edgesec.collector.docker.internal;

import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/** CollectorStatus (Operational) events: the engine lost, back, or a record that could not be read. */
public final class StatusEvents {
    public static final String SOURCE_UNAVAILABLE = "SourceUnavailable";
    public static final String SOURCE_RESTORED = "SourceRestored";
    public static final String PARSE_ERROR = "ParseError";
    public static final String CONFIGURATION_PROBLEM = "ConfigurationProblem";

    private StatusEvents() {
    }

    /**
     * @param collector    the collector's name, e.g. {@code docker-events}
     * @param status       one of the constants above
     * @param source       the engine address or file concerned
     * @param message      what happened, for a human
     * @param retrySeconds when the next attempt is, or -1 for none
     */
    public static SecurityEvent status(String collector, String status, String source, String message, long retrySeconds) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Source", source);
        if (retrySeconds >= 0) {
            p.put("RetryInSeconds", retrySeconds);
        }
        return CollectorStatus.of(collector, status, severity(status), message, p, null);
    }

    /** The engine gone means container events are being missed; a bad record or setting does not stop the rest. */
    static Severity severity(String status) {
        return switch (status) {
            case SOURCE_UNAVAILABLE -> Severity.ERROR;
            case SOURCE_RESTORED -> Severity.INFORMATION;
            default -> Severity.WARNING;
        };
    }

    /** @return the exception's message and the message of its root cause */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = t.getClass().getSimpleName() + ": " + t.getMessage();
        if (root != t) {
            m += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return m;
    }
}
