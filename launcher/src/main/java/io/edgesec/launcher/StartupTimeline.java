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
        // the JVM's start (process start, 10 ms resolution) to here: what CDS and JVM options change
        java.util.Optional<java.time.Instant> started = ProcessHandle.current().info().startInstant();
        started.ifPresent(t -> phases.append("jvm ").append(java.time.Duration.between(t, java.time.Instant.now()).toMillis()).append(" ms"));
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

    /** A bundle whose start (its activator and its immediate components) took {@code ms}. */
    synchronized void bundleStarted(String name, long ms) {
        if (ms >= 50) {
            slowBundles.add(name + " " + ms + " ms");
        }
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
    }

    @Override
    public synchronized String toString() {
        return phases + "; launcher total " + (last - begin) / 1_000_000 + " ms"
                + (slowBundles.isEmpty() ? "" : "; bundles over 50 ms to start: " + String.join(", ", slowBundles));
    }
}
