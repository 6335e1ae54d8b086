package io.edgesec.launcher;

/**
 * Where start-up time goes, logged once the agent runs: each phase of the launcher and the
 * bundles slowest to start, in ms. Start-up to the first message is a goal (README,
 * bench/container.sh); this line says which phase to look at.
 */
final class StartupTimeline {
    private final StringBuilder phases = new StringBuilder();
    private final long begin = System.nanoTime();
    private long last = begin;

    private final java.util.List<String> slowBundles = new java.util.ArrayList<>();

    /** A bundle whose start (its activator and its immediate components) took {@code ms}. */
    synchronized void bundleStarted(String name, long ms) {
        if (ms >= 50) {
            slowBundles.add(name + " " + ms + " ms");
        }
    }

    synchronized void mark(String phase) {
        long now = System.nanoTime();
        phases.append(phases.length() == 0 ? "" : ", ").append(phase).append(' ').append((now - last) / 1_000_000).append(" ms");
        last = now;
    }

    @Override
    public synchronized String toString() {
        return phases + "; launcher total " + (last - begin) / 1_000_000 + " ms"
                + (slowBundles.isEmpty() ? "" : "; bundles over 50 ms to start: " + String.join(", ", slowBundles));
    }
}
