package io.edgesec.detector.internal.engine;

import io.edgesec.detector.internal.view.EventView;
import io.edgesec.detector.internal.view.ProcessInfo;

/**
 * Recent processes by pid (from ProcessCreate), so an event can name its parent's executable and
 * command line. Bounded: the oldest pids are evicted (counted). A pid reused by a later exec is
 * simply replaced; an exec without fork replaces its own entry but keeps its parent.
 */
final class ProcessTable {
    private final BoundedLru<Integer, ProcessInfo> byPid;

    ProcessTable(int capacity) {
        byPid = new BoundedLru<>(capacity);
    }

    ProcessInfo get(int pid) {
        return pid <= 0 ? null : byPid.get(pid);
    }

    void put(EventView v, long millis) {
        int pid = v.pid();
        if (pid <= 0) {
            return;
        }
        String program = v.argv0Base().isEmpty() ? v.exeBase() : v.argv0Base();
        byPid.put(pid, new ProcessInfo(pid, v.ppid(), v.executable(), v.commandLine(), program, v.user(), millis, v.exeBase()));
    }

    long evictions() {
        return byPid.evictions();
    }

    int size() {
        return byPid.size();
    }
}
