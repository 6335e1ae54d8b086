package io.edgesec.collector.docker.internal.events;

import java.util.HashSet;
import java.util.Set;

/**
 * Where to resume the engine's event stream, and which replayed events were already seen.
 *
 * <p>The engine's {@code since} has a resolution of one second, so a reconnect asks for
 * everything from the second of the last event seen and replays that second's events again.
 * Those are recognised by their (time in ns, type, actor id, action) and dropped; everything
 * older than that second was already delivered in order and is dropped too.
 */
public final class EventWatermark {
    private static final long NANOS = 1_000_000_000L;

    private long lastNanos;
    private final Set<String> seenInLastSecond = new HashSet<>();

    /** @param startNanos the time from which events are wanted (epoch ns) */
    public EventWatermark(long startNanos) {
        this.lastNanos = startNanos;
    }

    /** @return the {@code since} value (epoch seconds) for the next connection */
    public synchronized long sinceSeconds() {
        return Math.floorDiv(lastNanos, NANOS);
    }

    /**
     * @return true if the event is new (and records it); false for a replayed duplicate
     */
    public synchronized boolean accept(long timeNanos, String type, String actorId, String action) {
        long secondStart = Math.floorDiv(lastNanos, NANOS) * NANOS;
        if (timeNanos < secondStart) {
            return false;
        }
        String key = timeNanos + "|" + type + "|" + actorId + "|" + action;
        if (timeNanos >= secondStart + NANOS) {
            // a new second: nothing from before it can be replayed any more
            seenInLastSecond.clear();
        } else if (seenInLastSecond.contains(key)) {
            return false;
        }
        seenInLastSecond.add(key);
        if (timeNanos > lastNanos) {
            lastNanos = timeNanos;
        }
        return true;
    }
}
