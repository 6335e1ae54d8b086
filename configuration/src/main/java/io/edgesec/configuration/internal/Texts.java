package io.edgesec.configuration.internal;

import java.util.List;

/** Configuration text as echoed into logs, events and results: bounded, saying how long it was. */
final class Texts {
    static final int MAX = 300;
    static final int ERRORS = 5;

    private Texts() {
    }

    static String cut(String s) {
        if (s == null || s.length() <= MAX) {
            return s;
        }
        return s.substring(0, MAX) + "... (" + s.length() + " characters in all)";
    }

    /** The first {@link #ERRORS} errors and how many there were. */
    static String first(List<String> errors) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < errors.size() && i < ERRORS; i++) {
            sb.append(i > 0 ? "; " : "").append(errors.get(i));
        }
        if (errors.size() > ERRORS) {
            sb.append("; ... (").append(errors.size()).append(" errors in all)");
        }
        return sb.toString();
    }
}
