package io.edgesec.collector.audit.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The socket table keeps what an access-ordered, bounded LinkedHashMap kept, and evicts in its order. */
class SocketTableTest {
    /** The table as it was: an access-ordered LinkedHashMap that drops its eldest entry past the capacity. */
    private static final class Model {
        final int capacity;
        final LinkedHashMap<Long, int[]> entries; // type, port
        final Map<Long, String> addresses = new java.util.HashMap<>();

        Model(int capacity) {
            this.capacity = capacity;
            this.entries = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, int[]> eldest) {
                    if (size() > Model.this.capacity) {
                        addresses.remove(eldest.getKey());
                        return true;
                    }
                    return false;
                }
            };
        }

        static long key(long pid, long fd) {
            return (pid << 24) ^ (fd & 0xFFFFFF);
        }

        void socket(long pid, long fd, long type) {
            long k = key(pid, fd);
            addresses.remove(k);
            entries.put(k, new int[] {(int) (type & 0xF), -1});
        }

        void bind(long pid, long fd, String address, int port) {
            long k = key(pid, fd);
            entries.computeIfAbsent(k, x -> new int[] {0, -1})[1] = port;
            addresses.put(k, address);
        }
    }

    @Test
    void replacesBindsAndEvictsTheLeastRecentlyUsedLikeTheMapDid() {
        SplittableRandom r = new SplittableRandom(7);
        for (int capacity : new int[] {1, 3, 64, 1000}) {
            SocketTable t = new SocketTable(capacity);
            Model m = new Model(capacity);
            for (int op = 0; op < 200_000; op++) {
                long pid = r.nextInt(1, 40);
                long fd = r.nextInt(0, capacity < 64 ? 6 : 60);
                switch (r.nextInt(4)) {
                    case 0 -> {
                        long type = r.nextInt(0, 0x90000);
                        t.socket(pid, fd, type);
                        m.socket(pid, fd, type);
                    }
                    case 1 -> {
                        String a = "10.0.0." + r.nextInt(256);
                        int port = r.nextInt(1, 65536);
                        t.bind(pid, fd, a, port);
                        m.bind(pid, fd, a, port);
                    }
                    case 2 -> {
                        int[] want = m.entries.get(Model.key(pid, fd));
                        assertEquals(want == null ? 0 : want[0], t.type(pid, fd), "type, op " + op);
                    }
                    default -> {
                        long k = Model.key(pid, fd);
                        int[] want = m.entries.get(k);
                        SocketTable.Entry got = t.get(pid, fd);
                        if (want == null) {
                            assertNull(got, "op " + op);
                        } else {
                            assertEquals(want[0], got.type, "type, op " + op);
                            assertEquals(want[1], got.localPort, "port, op " + op);
                            assertEquals(m.addresses.get(k), got.localAddress, "address, op " + op);
                        }
                    }
                }
                assertEquals(m.entries.size(), t.size(), "size, op " + op);
            }
        }
    }

    @Test
    void aNewSocketForgetsTheOldOnesAddress() {
        SocketTable t = new SocketTable(8);
        t.bind(5, 3, "127.0.0.1", 8080);
        t.socket(5, 3, SocketTable.SOCK_DGRAM | 0x80000);
        SocketTable.Entry e = t.get(5, 3);
        assertEquals(SocketTable.SOCK_DGRAM, e.type);
        assertEquals(-1, e.localPort);
        assertNull(e.localAddress);
    }

    @Test
    void theLeastRecentlyUsedGoesFirst() {
        SocketTable t = new SocketTable(2);
        t.socket(1, 1, SocketTable.SOCK_STREAM);
        t.socket(2, 2, SocketTable.SOCK_DGRAM);
        t.type(1, 1); // (1, 1) used: (2, 2) is now the eldest
        t.socket(3, 3, SocketTable.SOCK_STREAM);
        assertEquals(SocketTable.SOCK_STREAM, t.type(1, 1));
        assertEquals(0, t.type(2, 2));
        assertEquals(2, t.size());
    }
}
