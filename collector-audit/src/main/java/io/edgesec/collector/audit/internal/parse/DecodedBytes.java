package io.edgesec.collector.audit.internal.parse;

/**
 * An untrusted field's decoded bytes compared with an ASCII text where they lie in the record's
 * line, hex decoded on the fly, without making a String ({@link AuditRecord#untrustedListHas},
 * {@link AuditRecord#untrustedIs}): a rule's key is looked at on every audited syscall. An
 * element equal to an ASCII text has exactly its bytes: UTF-8 decoding keeps ASCII bytes (0x01
 * among them) as they are and makes anything else a non-ASCII character.
 */
final class DecodedBytes {
    private DecodedBytes() {
    }

    static boolean isAscii(String text) {
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** @return byte {@code j} of the value that starts at {@code s} in {@code line}, hex-encoded or literal */
    static int at(byte[] line, int s, boolean hex, int j) {
        return hex ? Hex.upperDigit(line[s + 2 * j]) << 4 | Hex.upperDigit(line[s + 2 * j + 1]) : line[s + j] & 0xFF;
    }

    /** @return whether the value's bytes from {@code from} on are {@code text} (ASCII) */
    static boolean equalAt(byte[] line, int s, boolean hex, int from, String text) {
        for (int k = 0; k < text.length(); k++) {
            if (at(line, s, hex, from + k) != text.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the value of {@code n} decoded bytes, split at 0x01, has an element equal to {@code text} (ASCII) */
    static boolean listHas(byte[] line, int s, boolean hex, int n, String text) {
        int piece = 0;
        for (int j = 0; j <= n; j++) {
            if (j == n || at(line, s, hex, j) == 1) {
                if (j - piece == text.length() && equalAt(line, s, hex, piece, text)) {
                    return true;
                }
                piece = j + 1;
            }
        }
        return false;
    }
}
