package io.edgesec.collector.audit.internal.parse;

import java.util.Arrays;

/**
 * The {@code k=v} tokenizer of a record's body. It appends each field's spans to an arena shared
 * by the records of one read (five ints per field: key start, key end, value start, value end
 * without quotes, flags such as {@link AuditRecord#DQUOTED}), so indexing a record allocates
 * nothing. The arena is reused after {@link #recycle()}: by then every record that is kept has
 * copied its spans out ({@link AuditRecord#detach()}). Not thread-safe.
 */
final class FieldScanner {
    private static final byte GS = 0x1D; // AUDIT_INTERP_SEPARATOR, starts the ENRICHED part
    private static final int INITIAL = 16 * 1024;
    // a read of garbage ("a= a= a= ...") can need several ints per byte; past this the arena is
    // not kept for the next read, so what stays allocated is bounded
    private static final int KEEP_AT_MOST = 1 << 20;

    private int[] arena = new int[INITIAL];
    private int used; // arena[0..used) holds fields of records that may still be in use
    private int first; // where the last scan's fields start
    private int count;
    private String error;

    /**
     * Scans {@code line[from..to)}, appending its fields to the arena.
     *
     * @return true if the body is well-formed; then {@link #arena()} from {@link #first()} holds
     *         {@link #count()} fields. On false, nothing was kept and {@link #error()} says why.
     */
    boolean scan(byte[] line, int from, int to) {
        first = used;
        count = 0;
        error = null;
        if (fields(line, from, to, 0)) {
            used = first + count * AuditRecord.STRIDE;
            return true;
        }
        return false;
    }

    /** @return the array the last scan wrote to (it is replaced when it grows) */
    int[] arena() {
        return arena;
    }

    int first() {
        return first;
    }

    int count() {
        return count;
    }

    /** @return why the last {@link #scan} failed */
    String error() {
        return error;
    }

    /** Gives back the arena from {@code at} on: the fields there have been copied out. */
    void release(int at) {
        used = at;
    }

    /** Every record indexed so far has copied its fields out (or is gone): start over. */
    void recycle() {
        used = 0;
        if (arena.length > KEEP_AT_MOST) {
            arena = new int[INITIAL];
        }
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
        int b = first + count * AuditRecord.STRIDE;
        if (b + AuditRecord.STRIDE > arena.length) {
            // records that refer to the old array keep it; their fields stay valid there
            arena = Arrays.copyOf(arena, arena.length * 2);
        }
        arena[b] = ks;
        arena[b + 1] = ke;
        arena[b + 2] = vs;
        arena[b + 3] = ve;
        arena[b + 4] = flags;
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
