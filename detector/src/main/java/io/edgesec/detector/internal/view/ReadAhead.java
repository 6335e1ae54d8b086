package io.edgesec.detector.internal.view;

import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An event as the detector's queue holds it, with a process start's four process fields
 * (ProcessId, ParentProcessId, Executable, CommandLine) read ahead by {@link #of} on the
 * collector's thread, where the event was just built and its payload is still in that core's
 * cache. The detector's thread judges a batch 20-250 ms later on the other core; there, reading
 * those fields walked the event's payload list, its map's table and nodes and the values one
 * dependent cache miss after another, about a fifth of the thread's time in the agent under an
 * exec load (bench/RESULTS.md, detector-cpu4). From a read-ahead, a start that the process table
 * and the quiet-start memo know (the common case: the same programs again and again) is judged
 * without reading its payload at all; a rule that wants another field reads the item as before.
 *
 * <p>Exact: the fields are read with {@link EventView}'s own code ({@link EventView#field} and
 * {@link EventView#intField}) from an immutable event, so a view made from them answers exactly as
 * a view of the item would. Only a ProcessCreate of one payload item (what collectors send) is
 * read ahead; any other event is carried as it is. The cost on the collector's thread is four
 * look-ups in a map it just filled and one small object.
 */
public final class ReadAhead {
    public final SecurityEvent event;
    /** The event's time (and its seconds and nanoseconds) and category, read ahead for every event. */
    public final Instant timestamp;
    public final long second;
    public final int nano;
    public final EventCategory category;
    /** True when the process fields below were read (a ProcessCreate of one payload item). */
    public final boolean process;
    final int pid;
    final int ppid;
    final String executable;
    final String commandLine;

    private ReadAhead(SecurityEvent event, boolean process, int pid, int ppid, String executable, String commandLine) {
        this.event = event;
        this.timestamp = event.timestamp();
        this.second = timestamp.getEpochSecond();
        this.nano = timestamp.getNano();
        this.category = event.category();
        this.process = process;
        this.pid = pid;
        this.ppid = ppid;
        this.executable = executable;
        this.commandLine = commandLine;
    }

    /** @return {@code e} with its process fields read if it is a process start of one item, else as it is */
    public static ReadAhead of(SecurityEvent e) {
        List<Map<String, Object>> items = e.payload();
        if (!EventNames.PROCESS_CREATE.equals(e.name()) || items.size() != 1) {
            return new ReadAhead(e, false, 0, 0, null, null);
        }
        Map<String, Object> item = items.get(0);
        return new ReadAhead(e, true, EventView.intField(item, "ProcessId"), EventView.intField(item, "ParentProcessId"),
                EventView.field(item, "Executable", null), EventView.field(item, "CommandLine", null));
    }

    /**
     * Reads what judging the event reads first (the read-ahead's strings' headers, or the
     * event's own first item: see {@link #prefetch(SecurityEvent)}), and nothing else.
     *
     * @return a sum of what was read (callers keep it, so the reads are not optimised away)
     */
    public int prefetch() {
        if (process) {
            // the strings and their hashes (computed here if not yet), which the process table's look-ups read first
            return pid + executable.hashCode() + commandLine.hashCode();
        }
        return prefetch(event);
    }

    /**
     * Reads the parts of an event that judging it reads first (its first payload item and its
     * process fields), and nothing else. A batch is judged 20-250 ms after a collector's thread
     * built its events on the other core; their lines are then out of this core's caches, and
     * judging reads each event's chain of objects (event, payload list, map, entries, values,
     * strings) one dependent miss after another, between the rules' work. Read first for a whole
     * batch in a loop that does nothing else, the misses of several events overlap.
     *
     * @return a sum of what was read
     */
    public static int prefetch(SecurityEvent e) {
        int sum = e.name().length();
        List<Map<String, Object>> items = e.payload();
        if (!items.isEmpty()) { // the first item only: a process event has one; a snapshot's many cost a pass of their own
            Map<String, Object> item = items.get(0);
            sum += touch(item.get("ProcessId")) + touch(item.get("ParentProcessId")) + touch(item.get("Executable"))
                    + touch(item.get("CommandLine"));
        }
        return sum;
    }

    private static int touch(Object o) {
        if (o instanceof String s) {
            return s.length();
        }
        return o instanceof Integer i ? i : 0;
    }
}
