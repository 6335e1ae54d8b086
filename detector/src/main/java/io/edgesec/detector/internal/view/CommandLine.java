package io.edgesec.detector.internal.view;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line as the audit collector writes it (arguments separated by one space; an
 * argument with a space, quote, backslash or control character in double quotes with {@code \"}
 * and {@code \\} escaped) back into its arguments.
 */
public final class CommandLine {
    private CommandLine() {
    }

    public static List<String> split(String line) {
        List<String> out = new ArrayList<>(8);
        if (line == null || line.isEmpty()) {
            return out;
        }
        int n = line.length();
        int i = 0;
        StringBuilder sb = null;
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (line.charAt(i) == '"') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.setLength(0);
                i++;
                while (i < n && line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = line.charAt(++i);
                    }
                    sb.append(c);
                    i++;
                }
                i++; // closing quote
                out.add(sb.toString());
            } else {
                int end = line.indexOf(' ', i); // most arguments: no quotes, taken as they are
                if (end < 0) {
                    end = n;
                }
                out.add(line.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    /** @return the part after the last '/', or the whole string */
    public static String baseName(String path) {
        if (path == null) {
            return "";
        }
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }
}
