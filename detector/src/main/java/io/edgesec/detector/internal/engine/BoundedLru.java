package io.edgesec.detector.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A map with a hard cap: inserting past it evicts the least recently used entry, counted, so a
 * flood of unique keys (addresses, users, pids) costs bounded memory. Not thread-safe (one
 * engine thread).
 */
public final class BoundedLru<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int capacity;
    private long evictions;
    private transient BiConsumer<K, V> onEvict;

    public BoundedLru(int capacity) {
        this(capacity, true);
    }

    /** @param accessOrder false: the oldest inserted entry goes first (a FIFO with a cap) */
    public BoundedLru(int capacity, boolean accessOrder) {
        super(Math.min(capacity, 1024) * 4 / 3 + 1, 0.75f, accessOrder);
        this.capacity = capacity;
    }

    /** Called with each evicted entry (e.g. to send a folded alert before its state goes). */
    public BoundedLru<K, V> onEvict(BiConsumer<K, V> f) {
        this.onEvict = f;
        return this;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() > capacity) {
            evictions++;
            if (onEvict != null) {
                onEvict.accept(eldest.getKey(), eldest.getValue());
            }
            return true;
        }
        return false;
    }

    public long evictions() {
        return evictions;
    }

    public int capacity() {
        return capacity;
    }
}
