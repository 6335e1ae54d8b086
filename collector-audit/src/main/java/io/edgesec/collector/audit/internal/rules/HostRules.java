package io.edgesec.collector.audit.internal.rules;

import io.edgesec.collector.audit.internal.events.EventKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the kernel's audit rules (the output of {@code auditctl -l}) make the records that
 * ProcessCreate and ConnectionCreate are built from: an {@code always,exit} rule on
 * {@code execve}, and one on {@code connect}. Used when the collector does not install rules
 * itself (the host keeps them, e.g. deploy/audit/edgesec.rules), so that missing rules are reported
 * instead of the events silently never coming.
 */
public final class HostRules {
    private HostRules() {
    }

    /** Event kind to the syscall whose exit rule it cannot do without. */
    static final Map<EventKind, String> NEEDED = new LinkedHashMap<>();

    static {
        NEEDED.put(EventKind.PROCESS_CREATE, "execve");
        NEEDED.put(EventKind.CONNECTION_CREATE, "connect");
    }

    /** @return the kinds (of those wanted, by event name) whose syscall no exit rule in the listing covers, with it */
    public static List<String> missing(String listing, Set<EventKind> wanted) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<EventKind, String> need : NEEDED.entrySet()) {
            if (wanted.contains(need.getKey()) && !covered(listing, need.getValue())) {
                out.add(need.getKey().eventName + " (no always,exit rule on " + need.getValue() + ")");
            }
        }
        return out;
    }

    /** Whether the listing has an always,exit rule whose -S list names the syscall (or -S all). */
    static boolean covered(String listing, String syscall) {
        for (String line : listing.split("\n")) {
            String l = line.trim();
            if (!(l.startsWith("-a always,exit") || l.startsWith("-a exit,always"))) {
                continue;
            }
            String[] f = l.split("\\s+");
            for (int i = 0; i + 1 < f.length; i++) {
                if (f[i].equals("-S")) {
                    for (String s : f[i + 1].split(",")) {
                        if (s.equals(syscall) || s.equals("all")) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * The optional rules: without them FileChange and KernelModule events do not come, and the
     * alerts they serve (IOTA-023, -040, -043, -045) fire from command lines only (which every
     * one of them also reads). Checked by a rule the host rules file carries: the watch on
     * /etc/sudoers, and an exit rule on finit_module.
     *
     * @return the optional kinds (of those wanted) whose rules are not in force, each with what is missing
     */
    public static List<String> missingOptional(String listing, Set<EventKind> wanted) {
        List<String> out = new ArrayList<>();
        if (wanted.contains(EventKind.FILE_CHANGE) && !watched(listing, "/etc/sudoers")) {
            out.add(EventKind.FILE_CHANGE.eventName + " (no watch on /etc/sudoers, cron, /var/log ...)");
        }
        if (wanted.contains(EventKind.KERNEL_MODULE) && !covered(listing, "finit_module")) {
            out.add(EventKind.KERNEL_MODULE.eventName + " (no always,exit rule on finit_module)");
        }
        return out;
    }

    /** Whether the listing watches the path: {@code -w path} or an exit rule with {@code path=path}. */
    static boolean watched(String listing, String path) {
        for (String line : listing.split("\n")) {
            String l = line.trim();
            if (l.startsWith("-w " + path + " ") || l.startsWith("-a always,exit") && (l.contains(" -F path=" + path + " ")
                    || l.endsWith(" -F path=" + path))) {
                return true;
            }
        }
        return false;
    }

    /** @return whether any wanted kind needs audit rules at all */
    public static boolean needed(Set<EventKind> wanted) {
        return NEEDED.keySet().stream().anyMatch(wanted::contains) || wanted.contains(EventKind.FILE_CHANGE)
                || wanted.contains(EventKind.KERNEL_MODULE);
    }
}
