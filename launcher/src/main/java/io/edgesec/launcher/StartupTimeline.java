package io.edgesec.launcher;

/**
 * Where start-up time goes, logged once the agent runs: the process's life before the JVM (the
 * {@code java} launcher's exec and, in a container, the runtime's set-up of the container
 * before its entrypoint ran), the JVM's own start (its creation to the timeline's), each phase
 * of the launcher with the CPU time the launcher's thread spent in it (on a loaded machine
 * wall-clock time says little) and what ran beside it on a {@link SideLane}, and the bundles
 * slowest to start, in ms. Start-up to the first message is a goal (README, bench/container.sh);
 * this line says which phase to look at.
 */
final class StartupTimeline implements AgentRuntime.StartReport {
    private static final java.nio.file.Path THREAD_SCHEDSTAT = java.nio.file.Path.of("/proc/thread-self/schedstat");
    private final StringBuilder phases = new StringBuilder();
    private final long begin = System.nanoTime();
    /** The process's and the launcher thread's start in ms since boot (10 ms resolution), -1 if unknown. */
    private final long processStart = startMillis("/proc/self/stat");
    private final long threadStart = startMillis("/proc/thread-self/stat");
    private final long beginMillis = uptimeMillis();
    private long last = begin;
    private long lastCpu = threadCpuNanos();
    /** What ran beside the launcher's thread in the current phase, for its mark. */
    private final StringBuilder beside = new StringBuilder();

    /**
     * The start before the timeline, from /proc: "before the JVM" is the process's start to the
     * start of the thread this runs on, "jvm" that thread's start to here. The {@code java}
     * launcher starts that thread to create the JVM in and run main (after exec and loading
     * libjvm); in a container the process is the runtime's init, which set the container up
     * before it exec'd the entrypoint, so that set-up counts before the JVM, not in it.
     */
    private String beforeTimeline() {
        if (beginMillis < 0 || processStart < 0) {
            return "";
        }
        if (threadStart < processStart) {
            return "process " + (beginMillis - processStart) + " ms (age), ";
        }
        return "before the JVM " + (threadStart - processStart) + " ms, jvm " + (beginMillis - threadStart) + " ms, ";
    }

    /** A process's or thread's start (field 22 of its stat, clock ticks, USER_HZ 100 on Linux) in ms since boot. */
    private static long startMillis(String stat) {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of(stat));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[19]) * 10;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The system's uptime in ms, as the start times above count (ProcessHandle's start instant is known to the second only). */
    private static long uptimeMillis() {
        try {
            String up = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime"));
            return Math.round(Double.parseDouble(up.substring(0, up.indexOf(' '))) * 1000);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Wall time and the CPU time of the thread that made it, from when it was made: how a
     * bundle's start and a side lane are timed (on their own thread).
     */
    static final class Stopwatch {
        private final long wall = System.nanoTime();
        private final long cpu = threadCpuNanos();

        /** The calling thread's CPU time since, in ms; -1 where it cannot be read. */
        long cpuMillis() {
            long now = threadCpuNanos();
            return cpu >= 0 && now >= 0 ? (now - cpu) / 1_000_000 : -1;
        }

        /** Wall time since, in ms. */
        long millis() {
            return (System.nanoTime() - wall) / 1_000_000;
        }
    }

    /** The calling thread's CPU time in ns (Linux schedstat), -1 where it cannot be read. */
    static long threadCpuNanos() {
        try {
            String s = java.nio.file.Files.readString(THREAD_SCHEDSTAT);
            return Long.parseLong(s.substring(0, s.indexOf(' ')));
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private final java.util.List<String> slowBundles = new java.util.ArrayList<>();
    private final java.util.List<String> allBundles = new java.util.ArrayList<>();

    /**
     * A bundle whose start (its activator and its immediate components) took {@code ms} of wall
     * time and {@code cpuMs} of the CPU time of the thread that started it (-1: unknown); called
     * on that thread right after it (the launcher's or a {@link SideLane}'s).
     */
    @Override
    public synchronized void bundleStarted(String name, long ms, long cpuMs) {
        String text = name + " " + ms + " ms" + (cpuMs >= 0 ? " (cpu " + cpuMs + ")" : "");
        allBundles.add(text);
        if (ms >= 50) {
            slowBundles.add(text);
        }
    }

    /** A side lane of the current phase has ended: shown with the phase's mark. */
    @Override
    public synchronized void sideLane(SideLane lane) {
        beside.append(beside.length() == 0 ? "" : ", ").append(lane.name()).append(' ').append(lane.millis()).append(" ms");
        if (lane.cpuMillis() >= 0) {
            beside.append(" cpu ").append(lane.cpuMillis());
        }
    }

    /** Every bundle's start time, in start order (the debug-level log). */
    synchronized String bundles() {
        return String.join(", ", allBundles);
    }

    /** Ends a phase; called on the launcher's thread (its CPU time is the thread's). */
    synchronized void mark(String phase) {
        long now = System.nanoTime();
        long cpu = threadCpuNanos();
        phases.append(phases.length() == 0 ? "" : ", ").append(phase).append(' ').append((now - last) / 1_000_000).append(" ms");
        if (cpu >= 0 && lastCpu >= 0) {
            phases.append(" (cpu ").append((cpu - lastCpu) / 1_000_000).append(')');
        }
        if (beside.length() > 0) {
            phases.append(" [beside it: ").append(beside).append(']');
            beside.setLength(0);
        }
        last = now;
        lastCpu = cpu;
    }

    @Override
    public synchronized String toString() {
        return beforeTimeline() + phases + "; launcher total " + (last - begin) / 1_000_000 + " ms"
                + (slowBundles.isEmpty() ? "" : "; bundles over 50 ms to start: " + String.join(", ", slowBundles));
    }
}
