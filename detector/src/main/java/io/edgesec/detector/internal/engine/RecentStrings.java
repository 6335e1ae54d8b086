package io.edgesec.detector.internal.engine;

/**
 * Equal strings share one copy: a direct-mapped cache of the last string seen per hash bucket.
 * The process table keeps tens of thousands of records for minutes; most of them name one of a
 * few dozen executables and programs, and a device runs the same command lines again and again
 * (health checks, cron jobs, scripts). Each event's copies are fresh strings from the collector:
 * kept as they are, the table's live data is several times larger, and the agent's small heap
 * copies it in every young collection until it is promoted, then marks it in every full one.
 *
 * <p>Bounded: a fixed number of buckets, each holding at most one string of at most
 * {@code maxLength} characters (a longer string is kept as it is, not cached); a collision
 * replaces the bucket's string, so a flood of unique strings costs one lookup each and no growth.
 * Not thread-safe: the engine's thread only.
 */
final class RecentStrings {
    private final String[] buckets;
    private final int mask;
    private final int maxLength;

    /** @param buckets a power of two */
    RecentStrings(int buckets, int maxLength) {
        if (Integer.bitCount(buckets) != 1) {
            throw new IllegalArgumentException("buckets " + buckets + " is not a power of two");
        }
        this.buckets = new String[buckets];
        this.mask = buckets - 1;
        this.maxLength = maxLength;
    }

    /** @return an earlier string equal to s if one is cached, else s (then cached) */
    String share(String s) {
        if (s == null || s.length() > maxLength) {
            return s;
        }
        int h = s.hashCode();
        int b = (h ^ (h >>> 16)) & mask;
        String cached = buckets[b];
        if (cached != null && (cached == s || cached.equals(s))) {
            return cached;
        }
        buckets[b] = s;
        return s;
    }
}
