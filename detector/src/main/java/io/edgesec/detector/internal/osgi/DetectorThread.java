package io.edgesec.detector.internal.osgi;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.engine.DetectionEngine;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The detector's own thread and its bounded hand-over: {@link #offer} never blocks the
 * collector's thread (a full queue is a refusal, which the aggregator counts as a drop); the
 * thread feeds the engine and submits the alerts it raises through the detector's sink.
 */
final class DetectorThread implements Runnable {
    private static final Logger LOG = Logger.getLogger(DetectorThread.class.getName());
    /** The events the rules read; others are ignored on purpose (not a drop). */
    static final Set<String> JUDGED = Set.of("ProcessCreate", "ConnectionCreate", "Login", "AccountChange",
            "ContainerEvent", "ContainerInventory", "ListeningPorts", "FileChange", "KernelModule", "AuditConfigurationChange");

    private final ArrayBlockingQueue<SecurityEvent> queue;
    private final AtomicReference<DetectionEngine> engine;
    private final Consumer<List<SecurityEvent>> alerts;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Runnable pendingChange;

    DetectorThread(int capacity, DetectionEngine engine, Consumer<List<SecurityEvent>> alerts) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.engine = new AtomicReference<>(engine);
        this.alerts = alerts;
        this.thread = new Thread(this, "edgesec-detector");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean offer(SecurityEvent e) {
        if (!JUDGED.contains(e.name())) {
            return true;
        }
        return running && queue.offer(e);
    }

    /** Runs {@code change} on the detector thread between two events (a new configuration). */
    void change(Runnable change) {
        pendingChange = change;
    }

    DetectionEngine engine() {
        return engine.get();
    }

    void engine(DetectionEngine e) {
        engine.set(e);
    }

    @Override
    public void run() {
        long nextTick = System.nanoTime();
        while (running || !queue.isEmpty()) {
            try {
                Runnable c = pendingChange;
                if (c != null) {
                    pendingChange = null;
                    c.run();
                }
                SecurityEvent e = queue.poll(200, TimeUnit.MILLISECONDS);
                if (e != null) {
                    emit(engine.get().detect(e));
                }
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + 1_000_000_000L;
                    emit(engine.get().tick(Instant.now()));
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | StackOverflowError ex) {
                // one bad event (a pathological pattern, a bug) must not end detection
                LOG.log(Level.WARNING, "detector: an event could not be judged; continuing", ex);
            }
        }
    }

    private void emit(List<SecurityEvent> out) {
        if (!out.isEmpty()) {
            alerts.accept(out);
        }
    }

    /** Stops taking events, judges those already queued, then returns. */
    void stop(long timeoutMillis) {
        running = false;
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    int queued() {
        return queue.size();
    }
}
