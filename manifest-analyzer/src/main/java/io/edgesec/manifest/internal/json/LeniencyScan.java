package io.edgesec.manifest.internal.json;

import java.util.List;

/**
 * Names what a lenient parse accepted, from the text around and inside Jackson's tokens:
 * comments and trailing commas lie between tokens, quotes and control characters in them.
 * Leniencies are recorded in text order, so the first is where the strict parse failed.
 *
 * <p>Two liberties are accepted without being named, as the analyzer always did: leading zeros
 * in numbers and the escape {@code \'}.
 */
final class LeniencyScan {
    private final String text;
    private final List<Leniency> found;

    LeniencyScan(String text, List<Leniency> found) {
        this.text = text;
        this.found = found;
    }

    /**
     * What lies between two tokens: white space, ',' or ':', and comments. A ',' right before a
     * closing bracket is a trailing comma (Jackson only lets one through there). Anything else
     * ends the scan: after a syntax error, {@code to} is the error and the rest a broken token.
     */
    void between(int from, int to, boolean beforeClosingBracket) {
        boolean comma = false;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < to && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*')) {
                found.add(new Leniency("comment", i));
                i = afterComment(i, to);
            } else if (c == ',' || c == ':' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                comma |= c == ',';
                i++;
            } else {
                return;
            }
        }
        if (comma && beforeClosingBracket) {
            found.add(new Leniency("trailing comma", to));
        }
    }

    private int afterComment(int slash, int to) {
        if (text.charAt(slash + 1) == '*') {
            int close = text.indexOf("*/", slash + 2);
            return close < 0 ? to : close + 2;
        }
        int i = slash + 2;
        while (i < to && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** A member name from its first character (a quote, if any) to just after it. */
    void name(int start, int end) throws JsonSyntaxException {
        char first = text.charAt(start);
        if (first == '"') {
            controlCharacters(start + 1, end - 1);
        } else if (first == '\'') {
            found.add(new Leniency("single-quoted member name", start));
            controlCharacters(start + 1, end - 1);
        } else {
            found.add(new Leniency("unquoted member name", start));
            requireNewtonsoftName(start, end);
        }
    }

    /** A string value from its opening quote to just after its closing one. */
    void string(int start, int end) {
        if (text.charAt(start) == '\'') {
            found.add(new Leniency("single-quoted string", start));
        }
        controlCharacters(start + 1, end - 1);
    }

    private void controlCharacters(int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < 0x20) {
                found.add(new Leniency("control character in string", i));
            }
        }
    }

    /**
     * Jackson takes JavaScript identifier characters (and '-', '@', '#', '*', '+') in an unquoted
     * name; Newtonsoft only letters, digits, '_' and '$', so the agent rejects the rest.
     */
    private void requireNewtonsoftName(int start, int end) throws JsonSyntaxException {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '$') {
                throw new JsonSyntaxException(i == start ? "expected a member name"
                        : "expected ':' after member name \"" + text.substring(start, i) + "\"", i);
            }
        }
    }
}
