package io.edgesec.support;

import java.util.List;

/**
 * Text from outside (the twin, a bundle's location, an exception's message) as it may be echoed into logs, events and reported properties: cut to a
 * length, saying how long it was, so that a 1 MB value makes a short report, not a 1 MB one.
 */
public final class Bounded {
    /** Longest error text or echoed value in a report or log line. */
    public static final int TEXT = 300;
    /** How many errors of one update are listed; the rest are counted. */
    public static final int ERRORS = 5;
    /** Longest string in the reported properties (room for {@link #ERRORS} errors and their count). */
    public static final int REPORTED_TEXT = 1024;

    private Bounded() {
    }

    public static String text(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "... (" + s.length() + " characters in all)";
    }

    public static String text(String s) {
        return text(s, TEXT);
    }

    /** The first {@link #ERRORS} errors, each bounded, and how many there were. */
    public static String errors(List<String> errors) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < errors.size() && i < ERRORS; i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(text(errors.get(i), errors.size() == 1 ? TEXT : 150));
        }
        if (errors.size() > ERRORS) {
            sb.append("; ... (").append(errors.size()).append(" errors in all)");
        }
        return sb.toString();
    }
}
