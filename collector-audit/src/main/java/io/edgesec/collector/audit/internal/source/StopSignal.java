package io.edgesec.collector.audit.internal.source;

/**
 * A source thread's stop, shared by the log tailer and the socket source: set once by
 * {@link #stop()}, which also cuts short a {@link #pause} between polls or reconnects.
 */
final class StopSignal {
    private final Object wakeup = new Object();
    private volatile boolean stopped;

    boolean stopped() {
        return stopped;
    }

    void stop() {
        stopped = true;
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }

    /** Waits {@code millis}, or less if stopped meanwhile; an interrupt counts as a stop. */
    void pause(long millis) {
        synchronized (wakeup) {
            if (stopped) {
                return;
            }
            try {
                wakeup.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }
}
