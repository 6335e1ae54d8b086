package io.edgesec.detector.internal.engine;

import java.util.regex.Pattern;

/**
 * A glob of the detector's settings (suppressions, allowed processes and users): {@code *} any
 * run of characters, {@code ?} one character, everything else literal; it matches a whole value.
 */
public final class Glob {
    private Glob() {
    }

    /** @param flags {@link Pattern} flags: suppressions give DOTALL, so {@code *} spans a newline too */
    public static Pattern pattern(String glob, int flags) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString(), flags);
    }
}
