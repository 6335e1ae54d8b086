package io.edgesec.collector.audit.internal.parse;

/**
 * The events being assembled, found by a primitive {@code long} key (node id and serial; see
 * {@link EventAssembler}) in an open-addressing table, and kept in arrival order in a list linked
 * through the events themselves, so the eldest is at hand for expiry. Replaces a
 * {@code LinkedHashMap<Long, AuditEvent>}: no boxed key and no map entry per event. Not
 * thread-safe.
 */
final class InFlightEvents {
    private long[] keys;
    private AuditEvent[] events; // null: free slot
    private int mask;
    private int shift; // 64 - log2(table length)
    private int size;
    private AuditEvent eldest;
    private AuditEvent newest;

    InFlightEvents() {
        keys = new long[64];
        events = new AuditEvent[64];
        mask = 63;
        shift = 64 - 6;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** @return the event that arrived first, or null; follow {@link AuditEvent#next} for the rest */
    AuditEvent eldest() {
        return eldest;
    }

    AuditEvent get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            AuditEvent e = events[i];
            if (e == null || keys[i] == key) {
                return e;
            }
        }
    }

    /** Adds an event whose key is not in the table, as the newest. */
    void add(long key, AuditEvent e) {
        if (size + 1 > (mask + 1) / 2) {
            grow();
        }
        e.key = key;
        insert(key, e);
        size++;
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
        int i = slot(e.key);
        while (events[i] != e) {
            i = (i + 1) & mask;
        }
        deleteSlot(i);
        size--;
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
        java.util.Arrays.fill(events, null);
        size = 0;
        eldest = null;
        newest = null;
    }

    private int slot(long key) {
        // Fibonacci hashing: the top bits of key * 2^64/phi spread consecutive serials well
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private void insert(long key, AuditEvent e) {
        int i = slot(key);
        while (events[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        events[i] = e;
    }

    // linear probing without tombstones: move later members of the probe chain back into the hole
    private void deleteSlot(int hole) {
        events[hole] = null;
        for (int i = (hole + 1) & mask; events[i] != null; i = (i + 1) & mask) {
            int home = slot(keys[i]);
            // the entry at i may move to the hole if its home is not in (hole, i] (cyclically)
            boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
            if (!stays) {
                keys[hole] = keys[i];
                events[hole] = events[i];
                events[i] = null;
                hole = i;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        AuditEvent[] oldEvents = events;
        keys = new long[oldKeys.length * 2];
        events = new AuditEvent[oldEvents.length * 2];
        mask = keys.length - 1;
        shift--;
        for (int i = 0; i < oldEvents.length; i++) {
            if (oldEvents[i] != null) {
                insert(oldKeys[i], oldEvents[i]);
            }
        }
    }
}
