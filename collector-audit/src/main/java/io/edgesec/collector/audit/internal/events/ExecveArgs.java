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
        ByteArrayOutputStream[] parts = new ByteArrayOutputStream[8];
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
                String key = r.key(i);
                if (key.length() < 2 || key.charAt(0) != 'a') {
                    continue;
                }
                int j = 1;
                int index = 0;
                while (j < key.length() && Character.isDigit(key.charAt(j)) && j < 7) {
                    index = index * 10 + (key.charAt(j) - '0');
                    j++;
                }
                if (j == 1 || index >= MAX_ARGS) {
                    continue;
                }
                boolean whole = j == key.length();
                boolean chunk = !whole && key.charAt(j) == '[' && key.endsWith("]");
                if (!whole && !chunk) {
                    continue; // aN_len: the total length, not needed to join chunks
                }
                if (index >= parts.length) {
                    parts = java.util.Arrays.copyOf(parts, Math.max(index + 1, parts.length * 2));
                }
                if (parts[index] == null) {
                    parts[index] = new ByteArrayOutputStream();
                }
                byte[] bytes = r.untrustedBytes(i, errors);
                parts[index].write(bytes, 0, bytes.length);
                highest = Math.max(highest, index);
            }
        }
        List<String> args = new ArrayList<>(highest + 1);
        int missing = 0;
        for (int i = 0; i <= highest; i++) {
            if (parts[i] == null) {
                args.add("");
                missing++;
            } else {
                args.add(new String(parts[i].toByteArray(), StandardCharsets.UTF_8));
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

    /** Splits a PROCTITLE value (NUL-separated argv, at most 128 bytes) into arguments. */
    public static List<String> splitProctitle(byte[] title) {
        List<String> out = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= title.length; i++) {
            if (i == title.length || title[i] == 0) {
                if (i > start || i < title.length) {
                    out.add(new String(title, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return out;
    }
}
