package io.edgesec.collector.audit.internal.source;

import io.edgesec.api.event.Severity;

/** Where sources report what happened to their input (loss, truncation, errors, recovery). */
@FunctionalInterface
public interface StatusListener {
    /**
     * @param source   e.g. the log path or socket path
     * @param problem  a short machine-friendly word: truncated, position-lost, io-error ...
     * @param severity how bad it is: Error where events are being missed, Information for a recovery
     * @param message  a sentence for an operator
     */
    void status(String source, String problem, Severity severity, String message);
}
