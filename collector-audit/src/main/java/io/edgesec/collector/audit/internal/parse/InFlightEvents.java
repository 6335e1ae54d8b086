package io.edgesec.collector.audit.internal.parse;

/**
 * The events being assembled, found by a primitive {@code long} key (node id and serial; see
 * {@link EventAssembler}) in an open-addressing table, and kept in arrival order in a list linked
 * through the events themselves, so the eldest is at hand for expiry. Replaces a
 * {@code LinkedHashMap<Long, AuditEvent>}: no boxed key and no map entry per event. Not
 * thread-safe.
 */
final class InFlightEvents {
    private final LongKeyedSlots<AuditEvent> table = new LongKeyedSlots<>(6);
    private AuditEvent eldest;
    private AuditEvent newest;

    int size() {
        return table.size();
    }

    boolean isEmpty() {
        return table.size() == 0;
    }

    /** @return the event that arrived first, or null; follow {@link AuditEvent#next} for the rest */
    AuditEvent eldest() {
        return eldest;
    }

    AuditEvent get(long key) {
        return table.get(key);
    }

    /** Adds an event whose key is not in the table, as the newest. */
    void add(long key, AuditEvent e) {
        e.key = key;
        table.put(key, e);
        e.prev = newest;
        e.next = null;
        if (newest == null) {
            eldest = e;
        } else {
            newest.next = e;
        }
        newest = e;
    }

    /** Removes an event that is in the table. */
    void remove(AuditEvent e) {
        table.remove(e.key);
        if (e.prev == null) {
            eldest = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            newest = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
    }

    void clear() {
        table.clear();
        eldest = null;
        newest = null;
    }
}
