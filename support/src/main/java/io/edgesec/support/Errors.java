package io.edgesec.support;

/** Exceptions as one line for logs and reports. */
public final class Errors {
    private Errors() {
    }

    /** @return the exception's type and message, and its root cause's; never a secret */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = t.getClass().getSimpleName() + (t.getMessage() != null ? ": " + t.getMessage() : "");
        if (root != t) {
            m += " (" + root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage() : "") + ")";
        }
        return m;
    }
}
