package io.edgesec.collector.audit.internal.events;

import io.edgesec.collector.audit.internal.parse.LongKeyedSlots;

/**
 * What earlier socket(2) and bind(2) records told about a (pid, fd): its type (so a connect on a
 * UDP socket is reported as udp; the sockaddr alone cannot tell) and its bound local address.
 * Bounded, least recently used entries go first; a new socket() on the same (pid, fd) replaces
 * the entry, since fds are reused.
 *
 * <p>Every accept and socket record lands here, so the table is an open-addressing one over the
 * primitive key ({@link LongKeyedSlots}) with the use order linked through the entries themselves (what an access-ordered
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
    private final LongKeyedSlots<Entry> table = new LongKeyedSlots<>(8);
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
        Entry e = entry(key(pid, fd));
        e.localAddress = null; // a new socket: what was bound to an old one on this fd is gone
        e.localPort = -1;
        e.type = (int) (type & 0xF);
    }

    public void bind(long pid, long fd, String address, int port) {
        Entry e = entry(key(pid, fd));
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
        Entry e = table.get(key(pid, fd));
        if (e != null) {
            use(e);
        }
        return e;
    }

    public int size() {
        return table.size();
    }

    /** @return the entry of {@code key}, which counts as used; a new one (type unknown, nothing bound) if there was none */
    private Entry entry(long key) {
        Entry e = table.get(key);
        if (e == null) {
            return insert(key);
        }
        use(e);
        return e;
    }

    /** A new key, as the newest entry; past the capacity the least recently used one goes (and is reused). */
    private Entry insert(long key) {
        Entry e;
        if (table.size() == capacity) {
            e = eldest;
            unlink(e);
            table.remove(e.key);
            e.type = 0;
            e.localAddress = null;
            e.localPort = -1;
        } else {
            e = new Entry();
        }
        e.key = key;
        table.put(key, e);
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
}
