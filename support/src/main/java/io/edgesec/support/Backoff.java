package io.edgesec.support;

import java.time.Duration;

/**
 * Exponential back-off, one rule for every retry in the agent: the wait before retry
 * {@code attempt} (1 after the first failure) is first, 2*first, 4*first ... capped at max.
 * Doubling stops after 20 steps and an overflow gives max, so a hostile or absurd setting
 * cannot make the wait negative or throw. (Callers add their own jitter where many agents
 * would otherwise retry in step.)
 */
public final class Backoff {
    private static final int MAX_DOUBLINGS = 20;

    private Backoff() {
    }

    /** @return the wait before retry {@code attempt} (values below 1 count as 1) */
    public static Duration exponential(Duration first, Duration max, int attempt) {
        try {
            Duration wait = first.multipliedBy(1L << Math.min(Math.max(attempt, 1) - 1, MAX_DOUBLINGS));
            return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
        } catch (ArithmeticException overflow) {
            return max;
        }
    }
}
