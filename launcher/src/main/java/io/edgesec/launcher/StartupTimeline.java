package io.edgesec.launcher;

/**
 * Where start-up time goes, logged once the agent runs: the JVM's own start (process start to
 * the timeline's creation), each phase of the launcher with the CPU time the launcher's thread
 * spent in it (on a loaded machine wall-clock time says little), and the bundles slowest to
 * start, in ms. Start-up to the first message is a goal (README, bench/container.sh); this line
 * says which phase to look at.
 */
final class StartupTimeline {
    private static final java.nio.file.Path THREAD_SCHEDSTAT = java.nio.file.Path.of("/proc/thread-self/schedstat");
    private final StringBuilder phases = new StringBuilder();
    private final long begin = System.nanoTime();
    private long last = begin;
    private long lastCpu = threadCpuNanos();

    StartupTimeline() {
        // the JVM's start (the process's exec) to here: what CDS and JVM options change
        long age = processAgeMillis();
        if (age >= 0) {
            phases.append("jvm ").append(age).append(" ms");
        }
    }

    /**
     * The process's age in ms (10 ms resolution), from /proc: its start and the system's uptime,
     * both counted from boot (ProcessHandle's start instant adds the boot time, known to the second only).
     */
    private static long processAgeMillis() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(f[19]); // field 22, starttime, in clock ticks (USER_HZ, 100 on Linux)
            String up = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime"));
            long uptimeMillis = Math.round(Double.parseDouble(up.substring(0, up.indexOf(' '))) * 1000);
            return uptimeMillis - startTicks * 10;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The calling thread's CPU time in ns (Linux schedstat), -1 where it cannot be read. */
    private static long threadCpuNanos() {
        try {
            String s = java.nio.file.Files.readString(THREAD_SCHEDSTAT);
            return Long.parseLong(s.substring(0, s.indexOf(' ')));
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private final java.util.List<String> slowBundles = new java.util.ArrayList<>();
    private final java.util.List<String> allBundles = new java.util.ArrayList<>();
    /** The launcher thread's CPU time at the end of the last bundle start or phase. */
    private long lastBundleCpu = lastCpu;

    /**
     * A bundle whose start (its activator and its immediate components) took {@code ms}; called
     * on the launcher's thread right after it, so the thread's CPU time since the previous start
     * or phase is this bundle's.
     */
    synchronized void bundleStarted(String name, long ms) {
        long cpu = threadCpuNanos();
        long cpuMs = cpu >= 0 && lastBundleCpu >= 0 ? (cpu - lastBundleCpu) / 1_000_000 : -1;
        lastBundleCpu = cpu;
        String text = name + " " + ms + " ms" + (cpuMs >= 0 ? " (cpu " + cpuMs + ")" : "");
        allBundles.add(text);
        if (ms >= 50) {
            slowBundles.add(text);
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
        last = now;
        lastCpu = cpu;
        lastBundleCpu = cpu;
    }

    @Override
    public synchronized String toString() {
        return phases + "; launcher total " + (last - begin) / 1_000_000 + " ms"
                + (slowBundles.isEmpty() ? "" : "; bundles over 50 ms to start: " + String.join(", ", slowBundles));
    }
}
