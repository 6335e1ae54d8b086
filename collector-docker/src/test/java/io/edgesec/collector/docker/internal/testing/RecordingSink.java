package io.edgesec.collector.docker.internal.testing;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.event.SecurityEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** An EventSink that keeps everything, and lets a test wait (with a generous deadline) for an event. */
public final class RecordingSink implements EventSink {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final List<SecurityEvent> events = new ArrayList<>();

    @Override
    public synchronized boolean submit(SecurityEvent event) {
        events.add(event);
        notifyAll();
        return true;
    }

    public synchronized List<SecurityEvent> events() {
        return new ArrayList<>(events);
    }

    /** @return the first event matching, waiting for it; fails the test with what was seen instead */
    public synchronized SecurityEvent await(String what, Predicate<SecurityEvent> match) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (SecurityEvent e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                StringBuilder sb = new StringBuilder("no event: " + what + "; got:");
                events.forEach(e -> sb.append("\n  ").append(e.toJson()));
                throw new AssertionError(sb.toString());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until {@code condition} holds (checked on every new event and every 200 ms). */
    public synchronized void awaitCondition(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            wait(200);
        }
    }
}
