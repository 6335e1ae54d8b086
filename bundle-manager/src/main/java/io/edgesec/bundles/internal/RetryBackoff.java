package io.edgesec.bundles.internal;

import io.edgesec.support.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * When a failed twin bundle entry may be tried again: first after {@code first}, then doubling
 * up to {@code max}. A failure is tied to what failed (the entry's key, or "start"): a changed
 * entry is tried at once, the same one only when its wait is over, so a throwing activator or a
 * dead download is not re-run on every unrelated twin update.
 */
final class RetryBackoff {
    static final Duration DEFAULT_FIRST = Duration.ofSeconds(10);
    static final Duration DEFAULT_MAX = Duration.ofMinutes(30);

    private record Failure(String key, int attempts, Instant due) {
    }

    private final Duration first;
    private final Duration max;
    private final Clock clock;
    private final Map<String, Failure> failures = new HashMap<>();

    RetryBackoff(Duration first, Duration max) {
        this(first, max, Clock.systemUTC());
    }

    RetryBackoff(Duration first, Duration max, Clock clock) {
        this.first = first;
        this.max = max;
        this.clock = clock;
    }

    /** @return whether {@code name} failed with this very {@code key} and its wait is not over */
    boolean waiting(String name, String key) {
        Failure f = failures.get(name);
        return f != null && f.key().equals(key) && clock.instant().isBefore(f.due());
    }

    /** Records a failure; @return how long until the retry */
    Duration failed(String name, String key) {
        Failure previous = failures.get(name);
        int attempts = previous != null && previous.key().equals(key) ? previous.attempts() + 1 : 1;
        Duration wait = Backoff.exponential(first, max, attempts);
        failures.put(name, new Failure(key, attempts, clock.instant().plus(wait)));
        return wait;
    }

    /** @return whether there was a failure to forget */
    boolean succeeded(String name) {
        return failures.remove(name) != null;
    }

    void retainOnly(Set<String> names) {
        failures.keySet().retainAll(names);
    }

    /** @return the earliest due retry, or null */
    Instant next() {
        Instant next = null;
        for (Failure f : failures.values()) {
            if (next == null || f.due().isBefore(next)) {
                next = f.due();
            }
        }
        return next;
    }
}
