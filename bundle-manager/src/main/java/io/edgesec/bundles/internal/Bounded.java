package io.edgesec.bundles.internal;

/**
 * Text from the twin as it may be echoed into logs, events and reported properties: cut to a
 * length, saying how long it was, so that a 1 MB value makes a short report, not a 1 MB one.
 * (The same rule as edgehub-transport's, which bounds the rest of the reported properties.)
 */
final class Bounded {
    /** Longest error text or echoed value in a report or log line. */
    static final int TEXT = 300;

    private Bounded() {
    }

    static String text(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "... (" + s.length() + " characters in all)";
    }

    static String text(String s) {
        return text(s, TEXT);
    }
}
