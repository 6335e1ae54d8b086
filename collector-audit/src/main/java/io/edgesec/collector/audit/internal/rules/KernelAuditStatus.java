package io.edgesec.collector.audit.internal.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * The output of {@code auditctl -s}: {@code enabled 1}, {@code pid 123}, {@code lost 0},
 * {@code backlog 0} ... one "name value" per line (older versions print "name=value" on one line).
 */
public final class KernelAuditStatus {
    private final Map<String, Long> values;

    private KernelAuditStatus(Map<String, Long> values) {
        this.values = values;
    }

    public static KernelAuditStatus parse(String output) {
        Map<String, Long> m = new HashMap<>();
        String[] t = output.trim().split("[\\s=]+");
        for (int i = 0; i + 1 < t.length; i++) {
            if (t[i].matches("[a-z_]+")) {
                try {
                    m.putIfAbsent(t[i], Long.parseLong(t[i + 1]));
                    i++;
                } catch (NumberFormatException e) {
                    // a word that is not followed by a number ("unlocked"): skip it
                }
            }
        }
        return new KernelAuditStatus(m);
    }

    /** @return the value, or -1 if auditctl did not print it */
    public long get(String name) {
        return values.getOrDefault(name, -1L);
    }

    /** Records the kernel dropped (backlog full, rate limit): audit_lost. */
    public long lost() {
        return get("lost");
    }

    /** 0 disabled, 1 enabled, 2 enabled and locked. */
    public long enabled() {
        return get("enabled");
    }

    /** The pid of the registered audit daemon, 0 if none. */
    public long pid() {
        return get("pid");
    }

    public long backlog() {
        return get("backlog");
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
