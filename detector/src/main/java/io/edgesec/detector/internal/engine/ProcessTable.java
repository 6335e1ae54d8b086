package io.edgesec.detector.internal.engine;

import io.edgesec.detector.internal.view.EventView;
import io.edgesec.detector.internal.view.ProcessInfo;

/**
 * Recent processes by pid (from ProcessCreate), so an event can name its parent's executable and
 * command line. Bounded: the least recently used pid is evicted (counted). A pid reused by a later
 * exec is simply replaced; an exec without fork replaces its own entry but keeps its parent.
 *
 * <p>Every process event looks up its parent and inserts itself, and every connection looks up
 * its process: this is the engine's busiest table. It keeps the semantics of an access-ordered
 * {@link BoundedLru} (a lookup or a replacement makes an entry the most recent) without boxing a
 * pid or allocating a node per insert: an open-addressing index of pids into slots, with the
 * recency list threaded through int arrays. The arrays grow by doubling up to the capacity, so an
 * idle agent does not pay for a table sized for a flood.
 */
final class ProcessTable {
    private static final int NONE = -1;
    private static final int INITIAL_SLOTS = 256;

    private int capacity;
    private long evictions;
    private int size;
    /** Per slot: the pid, its record, and its neighbours in the recency list (NONE at the ends). */
    private int[] pids;
    private ProcessInfo[] infos;
    private int[] older;
    private int[] newer;
    /** The least and the most recently used slots. */
    private int eldest = NONE;
    private int youngest = NONE;
    /** Open addressing with linear probing: slot + 1 per bucket, 0 for empty; at most half full. */
    private int[] index;
    private int mask;
    /** Program names, executables and command lines seen recently: see {@link #put(EventView)}. */
    private final RecentStrings names = new RecentStrings(512, 64);
    private final RecentStrings paths = new RecentStrings(1024, 256);
    private final RecentStrings commandLines = new RecentStrings(2048, 512);

    ProcessTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("process table capacity " + capacity + " < 1");
        }
        this.capacity = capacity;
        allocate(Math.min(capacity, INITIAL_SLOTS));
    }

    ProcessInfo get(int pid) {
        if (pid <= 0) {
            return null;
        }
        int slot = find(pid);
        if (slot == NONE) {
            return null;
        }
        touch(slot);
        return infos[slot];
    }

    /** @return the record put for the process (null: none, it has no pid) */
    ProcessInfo put(EventView v) {
        int pid = v.pid();
        if (pid <= 0) {
            return null;
        }
        // the event's strings are fresh copies: share earlier equal ones, so that the table's
        // live data is mostly its records (see RecentStrings)
        String exeBase = names.share(v.exeBase());
        String program = v.argv0Base().isEmpty() ? exeBase : names.share(v.argv0Base());
        ProcessInfo info = new ProcessInfo(pid, v.ppid(), paths.share(v.executable()), commandLines.share(v.commandLine()),
                program, exeBase);
        put(pid, info);
        return info;
    }

    void put(int pid, ProcessInfo info) {
        int slot = find(pid);
        if (slot != NONE) {
            infos[slot] = info;
            touch(slot);
            return;
        }
        if (size == capacity) {
            int gone = eldest; // the least recently used: its slot takes the new pid
            unlink(gone);
            removeFromIndex(pids[gone]);
            evictions++;
            slot = gone;
        } else {
            if (size == pids.length) {
                grow();
            }
            slot = size++;
        }
        pids[slot] = pid;
        infos[slot] = info;
        linkYoungest(slot);
        addToIndex(pid, slot);
    }

    long evictions() {
        return evictions;
    }

    int capacity() {
        return capacity;
    }

    /**
     * A new capacity (a configuration change): the least recently used entries beyond it are
     * evicted (counted); the others stay, in their recency order, in arrays of the new size.
     */
    void capacity(int newCapacity) {
        if (newCapacity < 1) {
            throw new IllegalArgumentException("process table capacity " + newCapacity + " < 1");
        }
        if (newCapacity == capacity) {
            return;
        }
        while (size > newCapacity) {
            int gone = eldest;
            unlink(gone);
            evictions++;
            size--;
        }
        int[] p = pids;
        ProcessInfo[] i = infos;
        int[] n = newer;
        int first = eldest;
        capacity = newCapacity;
        allocate(Math.min(newCapacity, Math.max(INITIAL_SLOTS, Integer.highestOneBit(Math.max(size, 1)) * 2)));
        eldest = NONE;
        youngest = NONE;
        int kept = 0;
        for (int s = first; s != NONE; s = n[s]) { // eldest first: the new list keeps the order
            pids[kept] = p[s];
            infos[kept] = i[s];
            linkYoungest(kept);
            addToIndex(p[s], kept);
            kept++;
        }
        size = kept;
    }

    int size() {
        return size;
    }

    private static int bucket(int pid, int mask) {
        return (pid * 0x9E3779B9 >>> 7) & mask; // pids come in runs: spread them
    }

    private int find(int pid) {
        int[] ix = index;
        for (int b = bucket(pid, mask);; b = (b + 1) & mask) {
            int s = ix[b] - 1;
            if (s == NONE) {
                return NONE;
            }
            if (pids[s] == pid) {
                return s;
            }
        }
    }

    private void addToIndex(int pid, int slot) {
        int b = bucket(pid, mask);
        while (index[b] != 0) {
            b = (b + 1) & mask;
        }
        index[b] = slot + 1;
    }

    /** Deletes a pid from the index, shifting back the entries of its probe run (no tombstones). */
    private void removeFromIndex(int pid) {
        int[] ix = index;
        int b = bucket(pid, mask);
        while (pids[ix[b] - 1] != pid) {
            b = (b + 1) & mask;
        }
        int hole = b;
        for (int n = (hole + 1) & mask; ix[n] != 0; n = (n + 1) & mask) {
            int home = bucket(pids[ix[n] - 1], mask);
            // the entry at n may move to the hole if its home is not cyclically within (hole, n]
            if (((n - home) & mask) >= ((n - hole) & mask)) {
                ix[hole] = ix[n];
                hole = n;
            }
        }
        ix[hole] = 0;
    }

    private void touch(int slot) {
        if (slot != youngest) {
            unlink(slot);
            linkYoungest(slot);
        }
    }

    private void unlink(int slot) {
        int o = older[slot];
        int n = newer[slot];
        if (o == NONE) {
            eldest = n;
        } else {
            newer[o] = n;
        }
        if (n == NONE) {
            youngest = o;
        } else {
            older[n] = o;
        }
    }

    private void linkYoungest(int slot) {
        older[slot] = youngest;
        newer[slot] = NONE;
        if (youngest == NONE) {
            eldest = slot;
        } else {
            newer[youngest] = slot;
        }
        youngest = slot;
    }

    private void allocate(int slots) {
        pids = new int[slots];
        infos = new ProcessInfo[slots];
        older = new int[slots];
        newer = new int[slots];
        int buckets = Integer.highestOneBit(Math.max(slots, 2) * 2 - 1) * 2; // a power of two, at least twice the slots
        index = new int[buckets];
        mask = buckets - 1;
    }

    private void grow() {
        int[] p = pids;
        ProcessInfo[] i = infos;
        int[] o = older;
        int[] n = newer;
        allocate((int) Math.min(capacity, 2L * p.length));
        System.arraycopy(p, 0, pids, 0, size);
        System.arraycopy(i, 0, infos, 0, size);
        System.arraycopy(o, 0, older, 0, size);
        System.arraycopy(n, 0, newer, 0, size);
        for (int s = 0; s < size; s++) {
            addToIndex(pids[s], s);
        }
    }
}
