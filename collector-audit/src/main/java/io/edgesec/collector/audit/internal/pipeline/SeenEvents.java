package io.edgesec.collector.audit.internal.pipeline;

import io.edgesec.collector.audit.internal.parse.AuditEvent;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * Remembers the last complete events (node, serial, time) handed on, so that when the log and the
 * plugin socket both deliver an event only the first complete copy becomes a security event
 * (a copy cut short by a timeout is handed on but hides nothing). Bounded;
 * thread-safe (the two sources run on their own threads).
 */
public final class SeenEvents {
    private final int capacity;
    private final LinkedHashSet<Key> keys = new LinkedHashSet<>();

    private record Key(String node, long serial, long millis) {
    }

    public SeenEvents(int capacity) {
        this.capacity = capacity;
    }

    /** @return true if a complete copy of this event was handed on (without remembering this one) */
    public synchronized boolean contains(AuditEvent e) {
        return keys.contains(new Key(e.node(), e.serial(), e.timeMillis()));
    }

    /** @return true the first time this event is offered */
    public synchronized boolean firstTime(AuditEvent e) {
        if (!keys.add(new Key(e.node(), e.serial(), e.timeMillis()))) {
            return false;
        }
        if (keys.size() > capacity) {
            Iterator<Key> it = keys.iterator();
            it.next();
            it.remove();
        }
        return true;
    }
}
