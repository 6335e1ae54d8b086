package io.edgesec.launcher;

/** A bad command line or configuration: printed as one line, exit code 2, no stack trace. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
