package io.edgesec.collector.audit.internal.parse;

import java.util.Arrays;

/**
 * An open-addressing hash table from a primitive {@code long} key to a value: Fibonacci hashing,
 * linear probing without tombstones, doubled at half full. The audit pipeline looks up a key for
 * every record (the event being assembled, {@link InFlightEvents}; the socket of a syscall,
 * {@code events.SocketTable}); this does it without a boxed key and a map node per entry. The
 * users keep their own arrival or use order. Not thread-safe.
 *
 * @param <V> the values
 */
public final class LongKeyedSlots<V> {
    private long[] keys;
    private Object[] values; // null: free slot
    private int mask;
    private int shift; // 64 - log2(table length)
    private int size;

    /** @param log2Length the initial table length, as a power of two (at least 1) */
    public LongKeyedSlots(int log2Length) {
        if (log2Length < 1 || log2Length > 30) {
            throw new IllegalArgumentException("log2Length " + log2Length);
        }
        keys = new long[1 << log2Length];
        values = new Object[1 << log2Length];
        mask = (1 << log2Length) - 1;
        shift = 64 - log2Length;
    }

    public int size() {
        return size;
    }

    /** @return the value of {@code key}, or null */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null || keys[i] == key) {
                return (V) v;
            }
        }
    }

    /** Adds {@code key}, which is not in the table, with {@code value} (not null). */
    public void put(long key, V value) {
        if (size + 1 > (mask + 1) / 2) {
            grow();
        }
        insert(key, value);
        size++;
    }

    /** Removes {@code key}, which is in the table. */
    public void remove(long key) {
        int i = slot(key);
        while (values[i] == null || keys[i] != key) {
            i = (i + 1) & mask;
        }
        deleteSlot(i);
        size--;
    }

    public void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private int slot(long key) {
        // Fibonacci hashing: the top bits of key * 2^64/phi spread consecutive serials well
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private void insert(long key, Object value) {
        int i = slot(key);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
    }

    // linear probing without tombstones: move later members of the probe chain back into the hole
    private void deleteSlot(int hole) {
        values[hole] = null;
        for (int i = (hole + 1) & mask; values[i] != null; i = (i + 1) & mask) {
            int home = slot(keys[i]);
            // the entry at i may move to the hole if its home is not in (hole, i] (cyclically)
            boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
            if (!stays) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                values[i] = null;
                hole = i;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        mask = keys.length - 1;
        shift--;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }
}
