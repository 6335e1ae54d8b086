package io.edgesec.detector.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.edgesec.detector.internal.view.ProcessInfo;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The int-keyed process table must keep exactly what an access-ordered {@link BoundedLru} keeps:
 * same hits, same evictions, same size, through growth, replacement and eviction, with pids that
 * collide in its index (runs of neighbours, a narrow range).
 */
class ProcessTableTest {
    @Test
    void keepsWhatAnAccessOrderedLruKeeps() {
        for (int capacity : new int[] {1, 2, 7, 100, 1000, 5000}) {
            for (int range : new int[] {capacity / 2 + 1, capacity + 3, 4 * capacity, 1 << 22}) {
                compare(capacity, range, new SplittableRandom(capacity * 31L + range));
            }
        }
    }

    private static void compare(int capacity, int range, SplittableRandom r) {
        ProcessTable table = new ProcessTable(capacity);
        BoundedLru<Integer, ProcessInfo> reference = new BoundedLru<>(capacity);
        for (int op = 0; op < 40_000; op++) {
            int pid = 1 + r.nextInt(range);
            String where = "capacity " + capacity + ", range " + range + ", operation " + op + ", pid " + pid;
            if (r.nextInt(3) == 0) {
                assertSame(reference.get(pid), table.get(pid), where);
            } else {
                ProcessInfo p = new ProcessInfo(pid, 1, "/bin/x", "x" + op, "x", "x");
                reference.put(pid, p);
                table.put(pid, p);
            }
            assertEquals(reference.size(), table.size(), where);
            assertEquals(reference.evictions(), table.evictions(), where);
        }
        for (int pid = 1; pid <= Math.min(range, 20_000); pid++) {
            assertSame(reference.get(pid), table.get(pid), "capacity " + capacity + ", range " + range + ", pid " + pid);
        }
    }

    @Test
    void noPidBelowOne() {
        ProcessTable table = new ProcessTable(10);
        assertEquals(null, table.get(0));
        assertEquals(null, table.get(-5));
        assertEquals(0, table.size());
    }

    @Test
    void aNewCapacityEvictsTheLeastRecentlyUsedAndKeepsTheOrderOfTheRest() {
        ProcessTable table = new ProcessTable(1000);
        BoundedLru<Integer, ProcessInfo> reference = new BoundedLru<>(1000);
        for (int pid = 1; pid <= 700; pid++) {
            ProcessInfo p = new ProcessInfo(pid, 1, "/bin/x", "x " + pid, "x", "x");
            table.put(pid, p);
            reference.put(pid, p);
        }
        for (int pid = 1; pid <= 700; pid += 7) { // lookups make these the most recent
            assertSame(reference.get(pid), table.get(pid));
        }
        table.capacity(50);
        assertEquals(50, table.capacity());
        assertEquals(50, table.size());
        assertEquals(650, table.evictions());
        // what stays: the 50 most recently used, in their order (the reference's last 50)
        java.util.List<Integer> order = new java.util.ArrayList<>(reference.keySet());
        java.util.List<Integer> kept = order.subList(order.size() - 50, order.size());
        BoundedLru<Integer, ProcessInfo> small = new BoundedLru<>(50);
        for (int pid : kept) {
            small.put(pid, reference.get(pid));
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int op = 0; op < 5_000; op++) { // then it behaves as a table of 50 that held them
            int pid = 1 + r.nextInt(800);
            if (r.nextInt(3) == 0) {
                assertSame(small.get(pid), table.get(pid), "operation " + op + ", pid " + pid);
            } else {
                ProcessInfo p = new ProcessInfo(pid, 1, "/bin/y", "y " + op, "y", "y");
                small.put(pid, p);
                table.put(pid, p);
            }
            assertEquals(small.size(), table.size());
            assertEquals(650 + small.evictions(), table.evictions());
        }
        table.capacity(3000); // larger again: nothing evicted, room to grow
        long evicted = table.evictions();
        for (int pid = 10_001; pid <= 12_000; pid++) {
            table.put(pid, new ProcessInfo(pid, 1, "/bin/z", "z", "z", "z"));
        }
        assertEquals(2050, table.size());
        assertEquals(evicted, table.evictions());
        assertEquals("z", table.get(10_001).program());
    }
}
