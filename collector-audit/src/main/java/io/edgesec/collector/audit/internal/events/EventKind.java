package io.edgesec.collector.audit.internal.events;

import io.edgesec.api.event.EventNames;
import java.util.EnumSet;
import java.util.Locale;

/** The event kinds this collector can emit; configuration names them by event Name. */
public enum EventKind {
    PROCESS_CREATE(EventNames.PROCESS_CREATE),
    CONNECTION_CREATE(EventNames.CONNECTION_CREATE),
    LOGIN(EventNames.LOGIN),
    ACCOUNT_CHANGE(EventNames.ACCOUNT_CHANGE),
    /** Watched files: sudoers, authorized_keys, cron, systemd units; destructive operations under /var/log. */
    FILE_CHANGE(EventNames.FILE_CHANGE),
    /** init_module, finit_module, delete_module. */
    KERNEL_MODULE(EventNames.KERNEL_MODULE),
    /** CONFIG_CHANGE records (the kernel writes them without any rule). */
    AUDIT_CONFIGURATION_CHANGE(EventNames.AUDIT_CONFIGURATION_CHANGE);

    public final String eventName;

    EventKind(String eventName) {
        this.eventName = eventName;
    }

    /**
     * @param names event names, e.g. {@code ProcessCreate}, case-insensitive
     * @throws IllegalArgumentException naming the unknown one and the accepted names
     */
    public static EnumSet<EventKind> parse(String[] names) {
        EnumSet<EventKind> out = EnumSet.noneOf(EventKind.class);
        for (String n : names) {
            String t = n.trim();
            if (t.isEmpty()) {
                continue;
            }
            EventKind found = null;
            for (EventKind k : values()) {
                if (k.eventName.toLowerCase(Locale.ROOT).equals(t.toLowerCase(Locale.ROOT))) {
                    found = k;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown event kind '" + t + "' (known: " + known() + ")");
            }
            out.add(found);
        }
        return out;
    }

    private static String known() {
        StringBuilder b = new StringBuilder();
        for (EventKind k : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(k.eventName);
        }
        return b.toString();
    }
}
