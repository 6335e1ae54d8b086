package io.edgesec.collector.docker.internal.events;

import java.time.Duration;

/** Exponential back-off between reconnect attempts: min, 2*min, 4*min ... capped at max. */
public final class Backoff {
    private final Duration min;
    private final Duration max;
    private Duration next;

    public Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("minimum back-off must be positive: " + min);
        }
        this.min = min;
        this.max = max.compareTo(min) < 0 ? min : max;
        this.next = min;
    }

    /** @return the delay before the next attempt; each call doubles the following one */
    public Duration next() {
        Duration d = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return d;
    }

    public void reset() {
        next = min;
    }
}
