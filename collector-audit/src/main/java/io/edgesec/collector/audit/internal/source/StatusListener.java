package io.edgesec.collector.audit.internal.source;

/** Where sources report what happened to their input (loss, truncation, errors, recovery). */
@FunctionalInterface
public interface StatusListener {
    /**
     * @param source  e.g. the log path or socket path
     * @param problem a short machine-friendly word: truncated, rotated-while-stopped, io-error ...
     * @param message a sentence for an operator
     */
    void status(String source, String problem, String message);
}
