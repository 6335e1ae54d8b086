package io.edgesec.collector.audit.internal.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses one raw audit line, {@code [node=N ]type=T msg=audit(SECS.MS:SERIAL): k=v ...[0x1D K=V ...]},
 * in place over the caller's bytes: no regular expressions, no String per field, and the field
 * index goes to an arena reused from one read to the next (see {@link FieldScanner}). Not
 * thread-safe; use one parser per thread.
 *
 * <p>A line that is not a record returns null and leaves the reason in {@link #lastError()}; the
 * caller counts it. Nothing here throws on bad input.
 */
public final class RecordParser {
    /** Longer lines are rejected: the kernel's limit is ~9 KB and auditd's enrichment adds little. */
    public static final int MAX_LINE = 256 * 1024;
    private static final byte[] NODE = "node=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "type=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MSG_AUDIT = "msg=audit(".getBytes(StandardCharsets.US_ASCII);

    private final FieldScanner fields = new FieldScanner();
    private String lastError;
    private String lastNode;

    /** @return why the last {@link #parse} returned null */
    public String lastError() {
        return lastError;
    }

    /** Parses {@code text} (convenience for tests and tools). */
    public AuditRecord parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length, -1);
    }

    /**
     * Parses a line into a record that owns a copy of its bytes.
     *
     * @param buf    bytes holding the line
     * @param from   first byte of the line
     * @param to     end of the line, excluding the newline
     * @param offset where the line starts in its source, kept in the record (-1 if none)
     * @return the record, or null (see {@link #lastError()})
     */
    public AuditRecord parse(byte[] buf, int from, int to, long offset) {
        AuditRecord r = parseInPlace(buf, from, to, offset);
        if (r != null) {
            r.detach();
            fields.release(fields.first()); // its index was copied out
        }
        return r;
    }

    /**
     * Like {@link #parse(byte[], int, int, long)}, but the record borrows {@code buf} and this
     * parser's field arena instead of copying: before the caller reuses {@code buf} it must
     * {@link AuditRecord#detach()} every record it still holds and then call {@link #recycle()}.
     * Records of events completed in the meantime never copy anything.
     */
    public AuditRecord parseInPlace(byte[] buf, int from, int to, long offset) {
        lastError = null;
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        int len = to - from;
        if (len <= 0) {
            return fail("empty line");
        }
        if (len > MAX_LINE) {
            return fail("line of " + len + " bytes is longer than " + MAX_LINE);
        }
        int p = from;
        String node = null;
        if (startsWith(buf, p, to, NODE)) {
            int e = ByteScan.indexOf(buf, p + NODE.length, to, (byte) ' ');
            if (e < 0) {
                return fail("node= without a following type=");
            }
            node = internNode(buf, p + NODE.length, e);
            p = e + 1;
        }
        if (!startsWith(buf, p, to, TYPE)) {
            return fail("line does not start with type=");
        }
        p += TYPE.length;
        int typeEnd = ByteScan.indexOf(buf, p, to, (byte) ' ');
        if (typeEnd <= p) {
            return fail("no record type");
        }
        RecordType type = RecordTypes.lookup(buf, p, typeEnd);
        p = typeEnd + 1;
        if (!startsWith(buf, p, to, MSG_AUDIT)) {
            return fail("no msg=audit( header after type=" + type.name);
        }
        p += MSG_AUDIT.length;
        // SECONDS.MILLIS:SERIAL):
        long secs = 0;
        int digits = 0;
        while (p < to && isDigit(buf[p]) && digits < 12) {
            secs = secs * 10 + (buf[p++] - '0');
            digits++;
        }
        if (digits == 0 || p >= to || buf[p] != '.') {
            return fail("bad timestamp in msg=audit(...)");
        }
        p++;
        int millis = 0;
        digits = 0;
        while (p < to && isDigit(buf[p]) && digits < 3) {
            millis = millis * 10 + (buf[p++] - '0');
            digits++;
        }
        if (digits != 3 || p >= to || buf[p] != ':') {
            return fail("bad milliseconds in msg=audit(...)");
        }
        p++;
        long serial = 0;
        digits = 0;
        while (p < to && isDigit(buf[p]) && digits < 10) {
            serial = serial * 10 + (buf[p++] - '0');
            digits++;
        }
        if (digits == 0 || serial > 0xFFFFFFFFL || p >= to || buf[p] != ')') {
            return fail("bad serial in msg=audit(...)");
        }
        p++;
        if (p < to && buf[p] == ':') {
            p++; // DAEMON_CONFIG of auditd 2.x writes no ':' here; accept both
        }
        if (!fields.scan(buf, p, to)) {
            return fail(fields.error());
        }
        return new AuditRecord(buf, from, to, fields.arena(), fields.first(), fields.count(), true, type, node,
                secs, millis, serial, offset);
    }

    /**
     * Reuses the field arena: every record parsed in place so far has been detached or dropped
     * (at the end of each read of the source).
     */
    public void recycle() {
        fields.recycle();
    }

    // node names repeat on every line: keep the last one instead of a new String each time
    private String internNode(byte[] line, int from, int to) {
        String last = lastNode;
        if (last != null && last.length() == to - from) {
            boolean same = true;
            for (int i = 0; i < last.length(); i++) {
                if (last.charAt(i) != (line[from + i] & 0xFF)) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return last;
            }
        }
        lastNode = new String(line, from, to - from, StandardCharsets.ISO_8859_1);
        return lastNode;
    }

    private AuditRecord fail(String why) {
        lastError = why;
        return null;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean startsWith(byte[] b, int at, int to, byte[] prefix) {
        if (at + prefix.length > to) {
            return false;
        }
        return Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
    }
}
