package io.edgesec.launcher;

import java.util.logging.Logger;

/**
 * Start-up work that runs on a second thread while the launcher's thread does something it does
 * not depend on, until {@link #join()}. Start-up's wall time is the launcher thread's path: on
 * two cores the other one is mostly idle meanwhile, so what runs here comes off that path.
 *
 * <p>The work must report its own failures (a bundle that does not start is logged by
 * AgentRuntime and the others go on); anything it throws is logged here, never lost, and
 * {@link #join()} still returns, so start-up goes on as it would after a failed bundle.
 */
final class SideLane {
    private static final Logger LOG = Logger.getLogger(SideLane.class.getName());

    private final String name;
    private final Thread thread;
    private volatile long millis = -1;
    private volatile long cpuMillis = -1;

    private SideLane(String name, Runnable work) {
        this.name = name;
        this.thread = new Thread(() -> {
            StartupTimeline.Stopwatch timed = new StartupTimeline.Stopwatch();
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                LOG.warning("start-up work '" + name + "' failed: " + e);
            } finally {
                cpuMillis = timed.cpuMillis();
                millis = timed.millis();
            }
        }, "edgesec-start-" + name);
        thread.setDaemon(true); // never keeps a failed start-up's JVM alive
    }

    /** Starts {@code work} on its own thread at once. */
    static SideLane start(String name, Runnable work) {
        SideLane lane = new SideLane(name, work);
        lane.thread.start();
        return lane;
    }

    /**
     * Waits until the work has ended. Not interruptible: what follows relies on the work being
     * done (a bundle started, or reported as not started); an interrupt is kept for the caller.
     */
    void join() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    String name() {
        return name;
    }

    /** Its wall time in ms, -1 before it ended. */
    long millis() {
        return millis;
    }

    /** Its thread's CPU time in ms, -1 before it ended or where it cannot be read. */
    long cpuMillis() {
        return cpuMillis;
    }
}
