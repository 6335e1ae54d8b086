package io.edgesec.collector.audit.internal.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses one raw audit line, {@code [node=N ]type=T msg=audit(SECS.MS:SERIAL): k=v ...[0x1D K=V ...]},
 * by scanning bytes once: no regular expressions and no String per field. Not thread-safe (it
 * reuses a scratch span array); use one parser per thread.
 *
 * <p>A line that is not a record returns null and leaves the reason in {@link #lastError()}; the
 * caller counts it. Nothing here throws on bad input.
 */
public final class RecordParser {
    /** Longer lines are rejected: the kernel's limit is ~9 KB and auditd's enrichment adds little. */
    public static final int MAX_LINE = 256 * 1024;
    private static final byte GS = 0x1D; // AUDIT_INTERP_SEPARATOR, starts the ENRICHED part
    private static final byte[] NODE = "node=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "type=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MSG_AUDIT = "msg=audit(".getBytes(StandardCharsets.US_ASCII);

    private int[] spans = new int[64 * AuditRecord.STRIDE];
    private int count;
    private String lastError;
    private String lastNode;

    /** @return why the last {@link #parse} returned null */
    public String lastError() {
        return lastError;
    }

    /** Parses {@code text} (convenience for tests and the socket source). */
    public AuditRecord parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length, -1);
    }

    /**
     * @param buf    bytes holding the line
     * @param from   first byte of the line
     * @param to     end of the line, excluding the newline
     * @param offset where the line starts in its source, kept in the record (-1 if none)
     * @return the record, or null (see {@link #lastError()})
     */
    public AuditRecord parse(byte[] buf, int from, int to, long offset) {
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
        // Copy first so that spans index the record's own array.
        byte[] line = Arrays.copyOfRange(buf, from, to);
        int p = 0;
        String node = null;
        if (startsWith(line, 0, NODE)) {
            int e = indexOf(line, NODE.length, (byte) ' ');
            if (e < 0) {
                return fail("node= without a following type=");
            }
            node = internNode(line, NODE.length, e);
            p = e + 1;
        }
        if (!startsWith(line, p, TYPE)) {
            return fail("line does not start with type=");
        }
        p += TYPE.length;
        int typeEnd = indexOf(line, p, (byte) ' ');
        if (typeEnd <= p) {
            return fail("no record type");
        }
        RecordType type = RecordTypes.lookup(line, p, typeEnd);
        p = typeEnd + 1;
        if (!startsWith(line, p, MSG_AUDIT)) {
            return fail("no msg=audit( header after type=" + type.name);
        }
        p += MSG_AUDIT.length;
        // SECONDS.MILLIS:SERIAL):
        long secs = 0;
        int digits = 0;
        while (p < len && isDigit(line[p]) && digits < 12) {
            secs = secs * 10 + (line[p++] - '0');
            digits++;
        }
        if (digits == 0 || p >= len || line[p] != '.') {
            return fail("bad timestamp in msg=audit(...)");
        }
        p++;
        int millis = 0;
        digits = 0;
        while (p < len && isDigit(line[p]) && digits < 3) {
            millis = millis * 10 + (line[p++] - '0');
            digits++;
        }
        if (digits != 3 || p >= len || line[p] != ':') {
            return fail("bad milliseconds in msg=audit(...)");
        }
        p++;
        long serial = 0;
        digits = 0;
        while (p < len && isDigit(line[p]) && digits < 10) {
            serial = serial * 10 + (line[p++] - '0');
            digits++;
        }
        if (digits == 0 || serial > 0xFFFFFFFFL || p >= len || line[p] != ')') {
            return fail("bad serial in msg=audit(...)");
        }
        p++;
        if (p < len && line[p] == ':') {
            p++; // DAEMON_CONFIG of auditd 2.x writes no ':' here; accept both
        }
        count = 0;
        if (!fields(line, p, len, 0)) {
            return null;
        }
        return new AuditRecord(line, type, node, secs, millis, serial, offset,
                Arrays.copyOf(spans, count * AuditRecord.STRIDE), count);
    }

    /** Scans {@code k=v} pairs in {@code line[p..end)}; {@code base} flags are added to each. */
    private boolean fields(byte[] line, int p, int end, int base) {
        int flagsNow = base;
        while (p < end) {
            byte c = line[p];
            if (c == ' ' || c == '\t') {
                p++;
                continue;
            }
            if (c == GS) {
                if ((base & AuditRecord.INNER) != 0) {
                    return true; // the enriched part belongs to the outer level
                }
                flagsNow |= AuditRecord.ENRICHED;
                p++;
                continue;
            }
            int keyStart = p;
            while (p < end && line[p] != '=' && line[p] != ' ' && line[p] != GS) {
                p++;
            }
            if (p >= end || line[p] != '=') {
                continue; // a bare word ("user", "login", "config changed,"): not a field
            }
            int keyEnd = p++;
            if (keyEnd == keyStart) {
                continue; // "=x": skip it
            }
            int vs;
            int ve;
            int flags = flagsNow;
            if (p < end && line[p] == '"') {
                vs = ++p;
                while (p < end && line[p] != '"') {
                    p++;
                }
                if (p >= end) {
                    return failB("unterminated \" in field " + text(line, keyStart, keyEnd));
                }
                ve = p++;
                flags |= AuditRecord.DQUOTED;
                // tolerate junk glued after a closing quote (seen: a2="x"' in real logs)
                while (p < end && line[p] != ' ' && line[p] != GS) {
                    p++;
                }
            } else if (p < end && line[p] == '\'') {
                vs = ++p;
                // the inner message ends at a quote followed by space, 0x1D or end of line
                int q = -1;
                for (int k = p; k < end; k++) {
                    if (line[k] == '\'' && (k + 1 == end || line[k + 1] == ' ' || line[k + 1] == GS)) {
                        q = k;
                        break;
                    }
                }
                if (q < 0) {
                    // seen in real logs (SERVICE_START of systemd 229): the closing quote is missing;
                    // auditd's tools take the rest of the line (up to the ENRICHED part) as the message
                    q = vs;
                    while (q < end && line[q] != GS) {
                        q++;
                    }
                    ve = q;
                    p = q;
                } else {
                    ve = q;
                    p = q + 1;
                }
                flags |= AuditRecord.SQUOTED;
            } else if (p < end && line[p] == '{') {
                vs = ++p;
                while (p < end && line[p] != '}') {
                    p++;
                }
                if (p >= end) {
                    return failB("unterminated { in field " + text(line, keyStart, keyEnd));
                }
                ve = p++;
                flags |= AuditRecord.BRACED;
            } else {
                vs = p;
                while (p < end && line[p] != ' ' && line[p] != GS) {
                    p++;
                }
                ve = p;
            }
            add(keyStart, keyEnd, vs, ve, flags);
            if ((flags & AuditRecord.SQUOTED) != 0 && (base & AuditRecord.INNER) == 0
                    && keyEnd - keyStart == 3 && line[keyStart] == 'm' && line[keyStart + 1] == 's'
                    && line[keyStart + 2] == 'g') {
                // user-space records nest their payload: msg='op=... acct="..." res=success'
                if (!fields(line, vs, ve, AuditRecord.INNER | (flagsNow & AuditRecord.ENRICHED))) {
                    return false;
                }
            }
        }
        return true;
    }

    private void add(int ks, int ke, int vs, int ve, int flags) {
        int b = count * AuditRecord.STRIDE;
        if (b + AuditRecord.STRIDE > spans.length) {
            spans = Arrays.copyOf(spans, spans.length * 2);
        }
        spans[b] = ks;
        spans[b + 1] = ke;
        spans[b + 2] = vs;
        spans[b + 3] = ve;
        spans[b + 4] = flags;
        count++;
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

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, Math.min(to - from, 64), StandardCharsets.ISO_8859_1);
    }

    private AuditRecord fail(String why) {
        lastError = why;
        return null;
    }

    private boolean failB(String why) {
        lastError = why;
        return false;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int from, byte c) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
