package io.edgesec.json.core;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The escapes of the agent's JSON, as it wrote them before Jackson: {@code \n}, {@code \r},
 * {@code \t}, {@code \"}, {@code \\}, every other control character and U+2028/U+2029 as a
 * lower-case {@code \}{@code u} escape (Jackson's own would be {@code \b}, {@code \f} and
 * upper-case hex); a lone surrogate likewise ({@link #quoted}, since Jackson sees one character
 * at a time). One copy for agent-api's event writer and support's {@code JsonText}: the text of
 * events and of every other document the agent writes is escaped the same way.
 */
public final class AgentEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();
    private final SerializableString[] controls = new SerializableString[0x20];
    private final SerializableString lineSeparator = new SerializedString("\\u2028");
    private final SerializableString paragraphSeparator = new SerializedString("\\u2029");

    public AgentEscapes() {
        for (int c = 0; c < 0x20; c++) {
            if (c != '\n' && c != '\r' && c != '\t') {
                ascii[c] = ESCAPE_CUSTOM;
                controls[c] = new SerializedString(unicodeEscape(c));
            }
        }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < 0x20) {
            return controls[ch];
        }
        if (ch == 0x2028) {
            return lineSeparator;
        }
        return ch == 0x2029 ? paragraphSeparator : null;
    }

    /**
     * @return {@code s} as a quoted JSON string with these escapes, lone surrogates escaped too:
     *         for the rare string Jackson cannot be given as it is (see {@link #loneSurrogate})
     */
    public static String quoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                out.append("\\\"");
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                out.append(unicodeEscape(c));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(unicodeEscape(c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * A lone surrogate (from a decoded audit argument, say) has no UTF-8 form, and Jackson, which
     * escapes one character at a time, cannot tell it from half a pair: a string that has one is
     * written with {@link #quoted} instead.
     *
     * @return the index of the first unpaired surrogate in {@code s} at or after {@code from}, or -1
     */
    public static int loneSurrogate(String s, int from) {
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String unicodeEscape(int c) {
        return String.format("\\u%04x", c);
    }
}
