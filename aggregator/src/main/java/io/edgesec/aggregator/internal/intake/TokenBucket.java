package io.edgesec.aggregator.internal.intake;

/** A per-collector quota: a steady rate with a burst allowance, so one flood cannot fill the cache. */
final class TokenBucket {
    private double ratePerNano;
    private double capacity;
    private double tokens;
    private long last;

    TokenBucket(int ratePerSecond, int burst, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /**
     * Applies a new rate and burst from now on (a configuration change): tokens earned so far at
     * the old rate are kept, up to the new burst.
     */
    synchronized void configure(int ratePerSecond, int burst, long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - last) * ratePerNano);
        last = nowNanos;
        ratePerNano = ratePerSecond / 1e9;
        capacity = burst;
        tokens = Math.min(tokens, burst);
    }

    synchronized boolean tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - last) * ratePerNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
