package io.edgesec.collector.audit.internal.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What earlier socket(2) and bind(2) records told about a (pid, fd): its type (so a connect on a
 * UDP socket is reported as udp; the sockaddr alone cannot tell) and its bound local address.
 * Bounded, least recently used entries go first; a new socket() on the same (pid, fd) replaces
 * the entry, since fds are reused.
 */
public final class SocketTable {
    public static final int SOCK_STREAM = 1, SOCK_DGRAM = 2;

    static final class Entry {
        int type;
        String localAddress;
        int localPort = -1;
    }

    private final int capacity;
    private final LinkedHashMap<Long, Entry> entries;

    public SocketTable(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
                return size() > SocketTable.this.capacity;
            }
        };
    }

    private static Long key(long pid, long fd) {
        return (pid << 24) ^ (fd & 0xFFFFFF);
    }

    /** socket(2) returned {@code fd}; {@code type} is its a1 with the SOCK_NONBLOCK/CLOEXEC flags. */
    public void socket(long pid, long fd, long type) {
        Entry e = new Entry();
        e.type = (int) (type & 0xF);
        entries.put(key(pid, fd), e);
    }

    public void bind(long pid, long fd, String address, int port) {
        Entry e = entries.computeIfAbsent(key(pid, fd), k -> new Entry());
        e.localAddress = address;
        e.localPort = port;
    }

    /** @return SOCK_STREAM, SOCK_DGRAM, another SOCK_* value, or 0 if unknown */
    public int type(long pid, long fd) {
        Entry e = entries.get(key(pid, fd));
        return e == null ? 0 : e.type;
    }

    Entry get(long pid, long fd) {
        return entries.get(key(pid, fd));
    }

    public int size() {
        return entries.size();
    }
}
