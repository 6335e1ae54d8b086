package io.edgesec.collector.audit.internal.parse;

/** Hex helpers for audit values: the kernel writes uppercase hex for untrusted strings. */
public final class Hex {
    private Hex() {
    }

    /** @return 0..15 for a hex digit (either case), else -1 */
    public static int digit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /**
     * Decodes {@code b[from..to)} if it is a non-empty even-length run of uppercase hex digits,
     * which is the only form the kernel writes; lowercase is never hex-encoded text.
     *
     * @return the bytes, or null if the span is not such hex
     */
    public static byte[] decode(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 0 || (len & 1) != 0) {
            return null;
        }
        byte[] out = new byte[len / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = upper(b[from + 2 * i]);
            int lo = upper(b[from + 2 * i + 1]);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /**
     * @return true if {@code b[from..to)} is what {@link #decode} decodes: a non-empty even-length
     *         run of uppercase hex digits
     */
    public static boolean isUpperHex(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 0 || (len & 1) != 0) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (upper(b[i]) < 0) {
                return false;
            }
        }
        return true;
    }

    /** @return 0..15 for an uppercase hex digit, else -1 */
    public static int upperDigit(byte c) {
        return upper(c);
    }

    private static int upper(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** @return true for the values that mean "none": {@code (null)}, {@code (none)}, {@code ?}, empty */
    public static boolean isSpecial(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return true;
        }
        if (len == 1) {
            return b[from] == '?';
        }
        return (len == 6 && matches(b, from, "(null)")) || (len == 6 && matches(b, from, "(none)"));
    }

    private static boolean matches(byte[] b, int from, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return true if the text means "no value" in audit records */
    public static boolean isUnset(String v) {
        return v == null || v.isEmpty() || v.equals("?") || v.equals("(null)") || v.equals("(none)");
    }
}
