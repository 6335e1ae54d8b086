package io.edgesec.collector.audit.internal.events;

import io.edgesec.collector.audit.internal.parse.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds argv from the EXECVE records of one event (kernel audit_log_execve_info):
 * {@code argc=N a0="..." a1=HEX}, and for an argument too long for one record
 * {@code aN_len=TOTAL aN[0]=... aN[1]=...}, whose chunks may continue in further EXECVE records
 * and are each hex- or quote-encoded on their own: chunks are decoded to bytes, joined, and only
 * then read as UTF-8, so a character split between chunks survives. Arguments are ordered by
 * their numeric index (a10 after a9), never by key order. argc may exceed the arguments present.
 */
public final class ExecveArgs {
    /** Bound on argv size taken from a record; more is corrupt input, not a real exec. */
    static final int MAX_ARGS = 1 << 16;

    public final long argc;
    /** Arguments by index; an index below the highest present but missing is "". */
    public final List<String> args;
    /** How many indexes below argc had no value at all. */
    public final int missing;

    private ExecveArgs(long argc, List<String> args, int missing) {
        this.argc = argc;
        this.args = args;
        this.missing = missing;
    }

    public static ExecveArgs from(List<AuditRecord> execve, AuditRecord.DecodeErrors errors) {
        long argc = -1;
        byte[][] firstPiece = new byte[8][]; // most arguments come whole, in one piece
        ByteArrayOutputStream[] joined = null; // for those that come in chunks: aN[0], aN[1] ...
        int highest = -1;
        for (AuditRecord r : execve) {
            for (int i = 0; i < r.fieldCount(); i++) {
                if ((r.flags(i) & AuditRecord.ENRICHED) != 0) {
                    continue;
                }
                if (r.keyIs(i, "argc")) {
                    argc = r.number(i, -1);
                    continue;
                }
                // aN or aN[k], read from the key's bytes (no String per field)
                int len = r.keyLength(i);
                if (len < 2 || r.keyByte(i, 0) != 'a') {
                    continue;
                }
                int j = 1;
                int index = 0;
                byte c;
                while (j < len && (c = r.keyByte(i, j)) >= '0' && c <= '9' && j < 7) {
                    index = index * 10 + (c - '0');
                    j++;
                }
                if (j == 1 || index >= MAX_ARGS) {
                    continue;
                }
                boolean whole = j == len;
                boolean chunk = !whole && r.keyByte(i, j) == '[' && r.keyByte(i, len - 1) == ']';
                if (!whole && !chunk) {
                    continue; // aN_len: the total length, not needed to join chunks
                }
                if (index >= firstPiece.length) {
                    firstPiece = java.util.Arrays.copyOf(firstPiece, Math.max(index + 1, firstPiece.length * 2));
                }
                byte[] bytes = r.untrustedBytes(i, errors);
                if (firstPiece[index] == null) {
                    firstPiece[index] = bytes;
                } else {
                    if (joined == null) {
                        joined = new ByteArrayOutputStream[firstPiece.length];
                    } else if (joined.length <= index) {
                        joined = java.util.Arrays.copyOf(joined, firstPiece.length);
                    }
                    if (joined[index] == null) {
                        joined[index] = new ByteArrayOutputStream();
                        joined[index].writeBytes(firstPiece[index]);
                    }
                    joined[index].write(bytes, 0, bytes.length);
                }
                highest = Math.max(highest, index);
            }
        }
        List<String> args = new ArrayList<>(highest + 1);
        int missing = 0;
        for (int i = 0; i <= highest; i++) {
            if (firstPiece[i] == null) {
                args.add("");
                missing++;
            } else {
                byte[] bytes = joined != null && i < joined.length && joined[i] != null ? joined[i].toByteArray() : firstPiece[i];
                args.add(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        if (argc > highest + 1) {
            missing += (int) Math.min(Integer.MAX_VALUE, argc - highest - 1);
        }
        return new ExecveArgs(argc, args, missing);
    }

    /**
     * Joins arguments into one command line: separated by single spaces; an argument that is
     * empty or holds white space, a quote or a backslash is written in double quotes with
     * {@code "} and {@code \} escaped, so the argument boundaries can be read back.
     */
    public static String commandLine(List<String> args) {
        StringBuilder sb = new StringBuilder(64);
        for (String a : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            appendQuoted(a, sb);
        }
        return sb.toString();
    }

    static void appendQuoted(String a, StringBuilder sb) {
        boolean quote = a.isEmpty();
        for (int i = 0; i < a.length() && !quote; i++) {
            char c = a.charAt(i);
            quote = c <= ' ' || c == '"' || c == '\'' || c == '\\' || c == 0x7F;
        }
        if (!quote) {
            sb.append(a);
            return;
        }
        sb.append('"');
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /**
     * Splits a PROCTITLE value (NUL-separated argv, at most 128 bytes) into arguments: each NUL
     * ends one (empty ones too), and what follows the last NUL is one unless it is empty. The
     * loop stays within the array, so that C2 need not guess at its bounds check (a guess that
     * failed here made it compile ConnectionCreate's mapping twice: bench/RESULTS.md, audit-c2).
     */
    public static List<String> splitProctitle(byte[] title) {
        List<String> out = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i < title.length; i++) {
            if (title[i] == 0) {
                out.add(new String(title, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < title.length) {
            out.add(new String(title, start, title.length - start, StandardCharsets.UTF_8));
        }
        return out;
    }
}
