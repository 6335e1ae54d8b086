package io.edgesec.collector.audit.internal.parse;

/**
 * The {@code k=v} tokenizer of a record's body. The parser runs it once per line without storing
 * anything, to reject broken lines (an unterminated quote) at once and to count the fields; a
 * record runs it again, storing spans, only when one of its fields is first read. Most records
 * (PATH, AVC, CRED_DISP ...) are never read, so most lines are scanned once and index nothing.
 *
 * <p>Spans are five ints per field: key start, key end, value start, value end (without quotes),
 * flags ({@link AuditRecord#DQUOTED} ...). Not thread-safe.
 */
final class FieldScanner {
    private static final byte GS = 0x1D; // AUDIT_INTERP_SEPARATOR, starts the ENRICHED part

    private final int[] spans; // null: count only
    private int count;
    private String error;

    /** A scanner that only validates and counts. */
    FieldScanner() {
        this.spans = null;
    }

    /** A scanner that stores the spans of {@code fields} fields (the count a validation found). */
    FieldScanner(int fields) {
        this.spans = new int[fields * AuditRecord.STRIDE];
    }

    /** @return true if {@code line[from..to)} is well-formed; see {@link #count()} and {@link #error()} */
    boolean scan(byte[] line, int from, int to) {
        count = 0;
        error = null;
        return fields(line, from, to, 0);
    }

    int count() {
        return count;
    }

    int[] spans() {
        return spans;
    }

    /** @return why the last {@link #scan} failed */
    String error() {
        return error;
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
            p = ByteScan.indexOfAny(line, p, end, (byte) '=', (byte) ' ', GS);
            if (p < 0) {
                p = end;
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
            c = p < end ? line[p] : 0;
            if (c == '"') {
                vs = ++p;
                p = ByteScan.indexOf(line, p, end, (byte) '"');
                if (p < 0) {
                    return fail("unterminated \" in field " + text(line, keyStart, keyEnd));
                }
                ve = p++;
                flags |= AuditRecord.DQUOTED;
                // tolerate junk glued after a closing quote (seen: a2="x"' in real logs)
                while (p < end && (c = line[p]) != ' ' && c != GS) {
                    p++;
                }
            } else if (c == '\'') {
                vs = ++p;
                // the inner message ends at a quote followed by space, 0x1D or end of line
                int q = ByteScan.indexOf(line, p, end, (byte) '\'');
                while (q >= 0 && q + 1 < end && line[q + 1] != ' ' && line[q + 1] != GS) {
                    q = ByteScan.indexOf(line, q + 1, end, (byte) '\'');
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
            } else if (c == '{') {
                vs = ++p;
                p = ByteScan.indexOf(line, p, end, (byte) '}');
                if (p < 0) {
                    return fail("unterminated { in field " + text(line, keyStart, keyEnd));
                }
                ve = p++;
                flags |= AuditRecord.BRACED;
            } else {
                vs = p;
                p = ByteScan.indexOfEither(line, p, end, (byte) ' ', GS);
                if (p < 0) {
                    p = end;
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
        if (spans != null) {
            int b = count * AuditRecord.STRIDE;
            if (b + AuditRecord.STRIDE > spans.length) {
                // the line changed since it was counted: cannot happen, the record owns its bytes
                throw new IllegalStateException("more fields than counted");
            }
            spans[b] = ks;
            spans[b + 1] = ke;
            spans[b + 2] = vs;
            spans[b + 3] = ve;
            spans[b + 4] = flags;
        }
        count++;
    }

    private boolean fail(String why) {
        error = why;
        return false;
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, Math.min(to - from, 64), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
