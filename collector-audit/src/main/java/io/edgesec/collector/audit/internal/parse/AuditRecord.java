package io.edgesec.collector.audit.internal.parse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * One parsed raw audit record: its header (type, time, serial, node) and an index of its
 * {@code k=v} fields as spans of the line's bytes; values become Strings only when asked for.
 *
 * <p>A record made by {@link RecordParser#parseInPlace} borrows both the reader's buffer (its
 * line) and the parser's span arena instead of copying them; whoever keeps it past the reuse of
 * those calls {@link #detach()} first. Records of events completed within one read never copy.
 *
 * <p>Fields of the quoted inner {@code msg='...'} of user-space records are indexed after the
 * outer ones (flag {@link #INNER}); fields after the ENRICHED separator 0x1D carry {@link #ENRICHED}
 * and are only found through {@link #enriched(String)}, so {@code UID="root"} never shadows
 * {@code uid=0}.
 */
public final class AuditRecord {
    public static final int DQUOTED = 1, SQUOTED = 2, BRACED = 4, INNER = 8, ENRICHED = 16;
    static final int STRIDE = 5;

    private byte[] line; // the line is line[start..end)
    private int start;
    private int end;
    private int[] spans; // from base: keyStart, keyEnd, valStart, valEnd (positions in line), flags per field
    private int base;
    private boolean borrowed;
    private final RecordType type;
    private final String node;
    private final long seconds;
    private final int millis;
    private final long serial;
    private final long offset;
    private final int count;

    AuditRecord(byte[] line, int start, int end, int[] spans, int base, int count, boolean borrowed, RecordType type,
                String node, long seconds, int millis, long serial, long offset) {
        this.line = line;
        this.start = start;
        this.end = end;
        this.spans = spans;
        this.base = base;
        this.count = count;
        this.borrowed = borrowed;
        this.type = type;
        this.node = node;
        this.seconds = seconds;
        this.millis = millis;
        this.serial = serial;
        this.offset = offset;
    }

    /**
     * Copies the line and its field index out of the reader's buffer and the parser's arena if
     * they are still borrowed; call before those are reused while the record is kept (an event
     * still in flight).
     */
    public void detach() {
        if (!borrowed) {
            return;
        }
        int shift = start;
        line = Arrays.copyOfRange(line, start, end);
        start = 0;
        end -= shift;
        int[] own = Arrays.copyOfRange(spans, base, base + count * STRIDE);
        for (int i = 0; i < own.length; i += STRIDE) {
            own[i] -= shift;
            own[i + 1] -= shift;
            own[i + 2] -= shift;
            own[i + 3] -= shift;
        }
        spans = own;
        base = 0;
        borrowed = false;
    }

    /** @return true while the record refers to its reader's buffer (see {@link #detach()}) */
    public boolean isBorrowed() {
        return borrowed;
    }

    public RecordType type() {
        return type;
    }

    public int code() {
        return type.code;
    }

    /** @return the {@code node=} name, or null when the line had none */
    public String node() {
        return node;
    }

    public long seconds() {
        return seconds;
    }

    public int millis() {
        return millis;
    }

    /** The u32 event serial; wraps at 2^32 and restarts at boot. */
    public long serial() {
        return serial;
    }

    /** @return where the line starts in its source (file byte offset), or -1 */
    public long offset() {
        return offset;
    }

    public Instant timestamp() {
        return Instant.ofEpochSecond(seconds, millis * 1_000_000L);
    }

    /** @return the raw line, for error messages and tests */
    public String line() {
        return new String(line, start, end - start, StandardCharsets.UTF_8);
    }

    public int fieldCount() {
        return count;
    }

    public int flags(int i) {
        return spans[base + i * STRIDE + 4];
    }

    public String key(int i) {
        int[] sp = spans;
        int b = base + i * STRIDE;
        return new String(line, sp[b], sp[b + 1] - sp[b], StandardCharsets.ISO_8859_1);
    }

    /** @return the length in bytes of field {@code i}'s key */
    public int keyLength(int i) {
        int b = base + i * STRIDE;
        return spans[b + 1] - spans[b];
    }

    /** @return byte {@code k} of field {@code i}'s key, read without making a String */
    public byte keyByte(int i, int k) {
        return line[spans[base + i * STRIDE] + k];
    }

    /** @return true if field {@code i}'s key is {@code key} (ASCII), compared without allocating */
    public boolean keyIs(int i, String key) {
        int[] sp = spans;
        int b = base + i * STRIDE;
        return equalsAscii(sp[b], sp[b + 1], key);
    }

    /** @return true if field {@code i}'s value (without quotes) is {@code text} (ASCII), without allocating */
    public boolean valueIs(int i, String text) {
        int[] sp = spans;
        int b = base + i * STRIDE;
        return equalsAscii(sp[b + 2], sp[b + 3], text);
    }

    private boolean equalsAscii(int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (line[from + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** @return the index of the first raw (not enriched) field named {@code key}, or -1 */
    public int find(String key) {
        return find(key, false);
    }

    /** @return the index of the ENRICHED (after 0x1D) field named {@code key}, or -1 */
    public int findEnriched(String key) {
        return find(key, true);
    }

    private int find(String key, boolean enriched) {
        int[] sp = spans;
        for (int i = 0, b = base; i < count; i++, b += STRIDE) {
            if (((sp[b + 4] & ENRICHED) != 0) == enriched && equalsAscii(sp[b], sp[b + 1], key)) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(String key) {
        return find(key) >= 0;
    }

    /** @return the value of field {@code i} without its quotes, as UTF-8 text */
    public String value(int i) {
        int[] sp = spans;
        int b = base + i * STRIDE;
        return new String(line, sp[b + 2], sp[b + 3] - sp[b + 2], StandardCharsets.UTF_8);
    }

    /** @return the value bytes of field {@code i} without quotes (a copy) */
    public byte[] valueBytes(int i) {
        int[] sp = spans;
        int b = base + i * STRIDE;
        return Arrays.copyOfRange(line, sp[b + 2], sp[b + 3]);
    }

    public boolean isQuoted(int i) {
        return (spans[base + i * STRIDE + 4] & (DQUOTED | SQUOTED | BRACED)) != 0;
    }

    /** @return the raw value of {@code key} without quotes, or null if absent */
    public String get(String key) {
        int i = find(key);
        return i < 0 ? null : value(i);
    }

    /** @return true if the raw field {@code key} is present and its value is {@code text} (ASCII) */
    public boolean valueIs(String key, String text) {
        int i = find(key);
        return i >= 0 && valueIs(i, text);
    }

    /** @return the ENRICHED value of {@code key} (e.g. {@code UID} -> "root"), or null */
    public String enriched(String key) {
        int i = findEnriched(key);
        return i < 0 ? null : value(i);
    }

    /** @return the decimal value of {@code key}, or {@code dflt} if absent or not a number */
    public long number(String key, long dflt) {
        int i = find(key);
        return i < 0 ? dflt : number(i, dflt);
    }

    public long number(int i, long dflt) {
        int[] sp = spans;
        int b = base + i * STRIDE;
        int s = sp[b + 2];
        int e = sp[b + 3];
        if (s >= e || e - s > 19) {
            return dflt;
        }
        boolean neg = line[s] == '-';
        if (neg && ++s == e) {
            return dflt;
        }
        long v = 0;
        for (int k = s; k < e; k++) {
            int d = line[k] - '0';
            if (d < 0 || d > 9) {
                return dflt;
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    /** @return the value of {@code key} read as unsigned hex (arch, a0..a3), or {@code dflt} */
    public long hexNumber(String key, long dflt) {
        int i = find(key);
        if (i < 0) {
            return dflt;
        }
        int[] sp = spans;
        int b = base + i * STRIDE;
        int s = sp[b + 2];
        int e = sp[b + 3];
        if (s >= e || e - s > 16) {
            return dflt;
        }
        long v = 0;
        for (int k = s; k < e; k++) {
            int d = Hex.digit(line[k]);
            if (d < 0) {
                return dflt;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /**
     * Decodes an "untrusted string" field (exe, comm, cwd, name, proctitle, acct, cmd, aN, ...):
     * quoted means literal, an unquoted even-length run of uppercase hex means hex-encoded bytes
     * (Linux audit_log_n_untrustedstring). Unquoted values that are neither ({@code (null)},
     * {@code ?}, or damaged hex) are returned as written; damaged hex is reported to
     * {@code errors} when given.
     *
     * @return the decoded text, or null if the field is absent
     */
    public String untrusted(String key, DecodeErrors errors) {
        int i = find(key);
        return i < 0 ? null : untrusted(i, errors);
    }

    public String untrusted(int i, DecodeErrors errors) {
        if (isQuoted(i)) {
            return value(i); // literal: no need to copy the bytes first
        }
        return new String(untrustedBytes(i, errors), StandardCharsets.UTF_8);
    }

    /** Like {@link #untrusted(int, DecodeErrors)} but returns the decoded bytes. */
    public byte[] untrustedBytes(int i, DecodeErrors errors) {
        int[] sp = spans;
        int b = base + i * STRIDE;
        int s = sp[b + 2];
        int e = sp[b + 3];
        if (isQuoted(i)) {
            return Arrays.copyOfRange(line, s, e);
        }
        byte[] decoded = Hex.decode(line, s, e);
        if (decoded != null) {
            return decoded;
        }
        if (errors != null && !Hex.isSpecial(line, s, e)) {
            errors.badHex(this, key(i));
        }
        return Arrays.copyOfRange(line, s, e);
    }

    /**
     * Whether the untrusted text of field {@code i} ({@link #untrusted(int, DecodeErrors)}), split
     * at U+0001 as the kernel joins the several keys of a rule, has an element equal to
     * {@code text}. For an ASCII {@code text} the bytes are compared where they lie, hex decoded on
     * the fly, without a String: a rule key is looked at on every audited syscall.
     */
    public boolean untrustedListHas(int i, String text) {
        if (text.isEmpty() || !DecodedBytes.isAscii(text)) {
            for (String one : untrusted(i, null).split("\u0001")) {
                if (one.equals(text)) {
                    return true;
                }
            }
            return false;
        }
        int b = base + i * STRIDE;
        int s = spans[b + 2];
        int e = spans[b + 3];
        boolean hex = !isQuoted(i) && Hex.isUpperHex(line, s, e);
        return DecodedBytes.listHas(line, s, hex, hex ? (e - s) / 2 : e - s, text);
    }

    /** @return true if the untrusted text of field {@code i} is {@code text} (ASCII), without a String */
    public boolean untrustedIs(int i, String text) {
        int b = base + i * STRIDE;
        int s = spans[b + 2];
        int e = spans[b + 3];
        boolean hex = !isQuoted(i) && Hex.isUpperHex(line, s, e);
        int n = hex ? (e - s) / 2 : e - s;
        return n == text.length() && DecodedBytes.isAscii(text) && DecodedBytes.equalAt(line, s, hex, 0, text);
    }

    /** Receives notice of a value that should have been hex and is not. */
    public interface DecodeErrors {
        void badHex(AuditRecord record, String field);
    }

    @Override
    public String toString() {
        return line();
    }
}
