package io.edgesec.collector.audit.internal.events;

import io.edgesec.api.event.EventNames;
import java.util.EnumSet;
import java.util.Locale;

/** The event kinds this collector can emit; configuration names them by event Name. */
public enum EventKind {
    PROCESS_CREATE(EventNames.PROCESS_CREATE),
    CONNECTION_CREATE(EventNames.CONNECTION_CREATE),
    LOGIN(EventNames.LOGIN),
    ACCOUNT_CHANGE(EventNames.ACCOUNT_CHANGE);

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
                throw new IllegalArgumentException("unknown event kind '" + t
                        + "' (known: ProcessCreate, ConnectionCreate, Login, AccountChange)");
            }
            out.add(found);
        }
        return out;
    }
}
