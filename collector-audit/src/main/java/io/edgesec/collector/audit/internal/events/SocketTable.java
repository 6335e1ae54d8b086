package io.edgesec.collector.audit.internal.events;

/**
 * What earlier socket(2) and bind(2) records told about a (pid, fd): its type (so a connect on a
 * UDP socket is reported as udp; the sockaddr alone cannot tell) and its bound local address.
 * Bounded, least recently used entries go first; a new socket() on the same (pid, fd) replaces
 * the entry, since fds are reused.
 *
 * <p>Every accept and socket record lands here, so the table is an open-addressing one over the
 * primitive key with the use order linked through the entries themselves (what an access-ordered
 * {@code LinkedHashMap<Long, Entry>} did, without a boxed key and a map node per record); an
 * entry replaced or evicted is reused. Not thread-safe.
 */
public final class SocketTable {
    public static final int SOCK_STREAM = 1, SOCK_DGRAM = 2;

    static final class Entry {
        int type;
        String localAddress;
        int localPort = -1;
        long key;
        Entry older;
        Entry newer;
    }

    private final int capacity;
    private long[] keys = new long[256];
    private Entry[] slots = new Entry[256]; // null: free
    private int mask = 255;
    private int shift = 64 - 8;
    private int size;
    private Entry eldest; // least recently used
    private Entry newest;

    public SocketTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    private static long key(long pid, long fd) {
        return (pid << 24) ^ (fd & 0xFFFFFF);
    }

    /** socket(2) returned {@code fd}; {@code type} is its a1 with the SOCK_NONBLOCK/CLOEXEC flags. */
    public void socket(long pid, long fd, long type) {
        long k = key(pid, fd);
        Entry e = lookup(k);
        if (e == null) {
            e = insert(k);
        } else {
            use(e);
            e.localAddress = null; // a new socket: what was bound to the old one is gone
            e.localPort = -1;
        }
        e.type = (int) (type & 0xF);
    }

    public void bind(long pid, long fd, String address, int port) {
        long k = key(pid, fd);
        Entry e = lookup(k);
        if (e == null) {
            e = insert(k);
        } else {
            use(e);
        }
        e.localAddress = address;
        e.localPort = port;
    }

    /** @return SOCK_STREAM, SOCK_DGRAM, another SOCK_* value, or 0 if unknown */
    public int type(long pid, long fd) {
        Entry e = get(pid, fd);
        return e == null ? 0 : e.type;
    }

    /** @return the entry, which counts as used (it goes last in the eviction order); or null */
    Entry get(long pid, long fd) {
        Entry e = lookup(key(pid, fd));
        if (e != null) {
            use(e);
        }
        return e;
    }

    public int size() {
        return size;
    }

    private Entry lookup(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            Entry e = slots[i];
            if (e == null || keys[i] == key) {
                return e;
            }
        }
    }

    /** A new key, as the newest entry; past the capacity the least recently used one goes (and is reused). */
    private Entry insert(long key) {
        Entry e;
        if (size == capacity) {
            e = eldest;
            unlink(e);
            removeSlot(e);
            size--;
            e.type = 0;
            e.localAddress = null;
            e.localPort = -1;
        } else {
            e = new Entry();
            if (size + 1 > (mask + 1) / 2) {
                grow();
            }
        }
        e.key = key;
        put(key, e);
        size++;
        link(e);
        return e;
    }

    private void use(Entry e) {
        if (e != newest) {
            unlink(e);
            link(e);
        }
    }

    private void link(Entry e) {
        e.older = newest;
        e.newer = null;
        if (newest == null) {
            eldest = e;
        } else {
            newest.newer = e;
        }
        newest = e;
    }

    private void unlink(Entry e) {
        if (e.older == null) {
            eldest = e.newer;
        } else {
            e.older.newer = e.newer;
        }
        if (e.newer == null) {
            newest = e.older;
        } else {
            e.newer.older = e.older;
        }
        e.older = null;
        e.newer = null;
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift); // Fibonacci hashing, as InFlightEvents
    }

    private void put(long key, Entry e) {
        int i = slot(key);
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        slots[i] = e;
    }

    // linear probing without tombstones: later members of the probe chain move back into the hole
    private void removeSlot(Entry e) {
        int hole = slot(e.key);
        while (slots[hole] != e) {
            hole = (hole + 1) & mask;
        }
        slots[hole] = null;
        for (int i = (hole + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
            int home = slot(keys[i]);
            boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
            if (!stays) {
                keys[hole] = keys[i];
                slots[hole] = slots[i];
                slots[i] = null;
                hole = i;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        Entry[] oldSlots = slots;
        keys = new long[oldKeys.length * 2];
        slots = new Entry[oldSlots.length * 2];
        mask = keys.length - 1;
        shift--;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] != null) {
                put(oldKeys[i], oldSlots[i]);
            }
        }
    }
}
