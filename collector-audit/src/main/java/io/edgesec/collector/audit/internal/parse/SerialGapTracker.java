package io.edgesec.collector.audit.internal.parse;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Counts records lost between the kernel and us from gaps in the event serials, per node.
 *
 * <p>Serials come out slightly out of order (interleaved events, user-space records), so a
 * missing serial is only counted as lost once {@link #REORDER_WINDOW} newer serials have been
 * seen, or at {@link #finish()}. The serial is a u32: a step from near 2^32 to near 0 is a
 * rollover (go-libaudit rollover.log); any other large step back is a restart of the kernel
 * counter (reboot) and counted as such, not as loss.
 */
public final class SerialGapTracker {
    public static final long REORDER_WINDOW = 1024;
    private static final long U32 = 1L << 32;
    private static final long WRAP_ZONE = 1L << 24;
    private static final int MAX_TRACKED = 65536;

    private final Map<String, NodeState> nodes = new HashMap<>(2);
    private NodeState lastState;
    private String lastNode;
    private volatile long lost;
    private volatile long resets;
    private volatile long rollovers;

    private static final class NodeState {
        long highest = -1;
        final TreeSet<Long> missing = new TreeSet<>();
    }

    /** Takes note of one record's serial. */
    public void observe(String node, long serial) {
        NodeState st = state(node);
        long h = st.highest;
        if (h < 0) {
            st.highest = serial;
            return;
        }
        if (serial == h) {
            return;
        }
        if (serial > h) {
            gap(st, h, serial - h - 1);
            st.highest = serial;
        } else if (h >= U32 - WRAP_ZONE && serial < WRAP_ZONE) {
            rollovers++;
            finalizeAll(st);
            long gap = (U32 - 1 - h) + serial;
            lost += gap; // across the wrap, reordering is not tracked
            st.highest = serial;
        } else if (st.missing.remove(serial)) {
            return; // arrived late, not lost
        } else if (h - serial > REORDER_WINDOW) {
            resets++;
            finalizeAll(st);
            st.highest = serial;
        }
        // else: another record of an event already seen
        while (!st.missing.isEmpty() && st.highest - st.missing.first() > REORDER_WINDOW) {
            st.missing.pollFirst();
            lost++;
        }
    }

    private void gap(NodeState st, long from, long gap) {
        if (gap <= 0) {
            return;
        }
        if (gap > REORDER_WINDOW || st.missing.size() + gap > MAX_TRACKED) {
            lost += gap;
            return;
        }
        for (long s = from + 1; s <= from + gap; s++) {
            st.missing.add(s);
        }
    }

    private void finalizeAll(NodeState st) {
        lost += st.missing.size();
        st.missing.clear();
    }

    private NodeState state(String node) {
        if (lastState != null && (node == null ? lastNode == null : node.equals(lastNode))) {
            return lastState;
        }
        NodeState st = nodes.computeIfAbsent(node == null ? "" : node, k -> new NodeState());
        lastNode = node;
        lastState = st;
        return st;
    }

    /** Counts every serial still missing as lost (end of input). */
    public void finish() {
        for (NodeState st : nodes.values()) {
            finalizeAll(st);
        }
    }

    /** @return records (serials) known lost so far */
    public long lost() {
        return lost;
    }

    /** @return serials missing but possibly still coming (reordering window) */
    public long pending() {
        long n = 0;
        for (NodeState st : nodes.values()) {
            n += st.missing.size();
        }
        return n;
    }

    /** @return how often the serial went back to a low value (reboot, new kernel counter) */
    public long resets() {
        return resets;
    }

    public long rollovers() {
        return rollovers;
    }

    /** @return the highest serial seen for the node (null: no node), or -1 */
    public long highest(String node) {
        NodeState st = nodes.get(node == null ? "" : node);
        return st == null ? -1 : st.highest;
    }

    /** Starts the node's count at a serial known from a previous run (persisted position). */
    public void seed(String node, long serial) {
        if (serial >= 0) {
            state(node).highest = serial;
        }
    }
}
