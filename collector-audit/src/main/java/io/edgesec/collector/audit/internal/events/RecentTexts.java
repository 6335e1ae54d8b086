package io.edgesec.collector.audit.internal.events;

/**
 * Equal texts of recent events share one String: the last text seen per hash bucket. A device
 * runs the same executables with the same command lines, users and working directories again
 * and again (health checks, cron jobs, scripts; an exec load), and each event's texts are
 * decoded from its record into fresh strings. Shared where they are made, on the collector's
 * thread while their characters are still in its cache, an event holds the earlier instances
 * instead: the fresh copies die at once, so the events held in queues (the aggregator's, the
 * journal's, the detector's) are smaller for the young collections that copy them, and every
 * consumer can match a repeat by identity with the hash already cached, without reading the
 * characters again on its own core (the detector's process table, its quiet-start memo and
 * base-name caches compare identity first: bench/RESULTS.md, detector-cpu6).
 *
 * <p>Exact: a text is replaced only by an equal one, so every event has the same contents,
 * character for character. Bounded: a fixed number of buckets, each holding at most one text of
 * at most {@code maxLength} characters (a longer one is returned as it is, not cached); a
 * collision replaces the bucket's text, so a flood of unique texts costs one hash and one
 * compare each and no growth. Not thread-safe: one mapper's thread only.
 */
final class RecentTexts {
    private final String[] texts;
    private final int mask;
    private final int maxLength;

    /** @param buckets a power of two */
    RecentTexts(int buckets, int maxLength) {
        if (Integer.bitCount(buckets) != 1) {
            throw new IllegalArgumentException("buckets " + buckets + " is not a power of two");
        }
        this.texts = new String[buckets];
        this.mask = buckets - 1;
        this.maxLength = maxLength;
    }

    /** @return an earlier text equal to {@code s} if one is cached, else {@code s} (then cached); null for null */
    String share(String s) {
        if (s == null || s.length() > maxLength) {
            return s;
        }
        int h = s.hashCode();
        int b = (h ^ (h >>> 16)) & mask;
        String t = texts[b];
        if (t != null && (t == s || t.equals(s))) {
            return t;
        }
        texts[b] = s;
        return s;
    }

    /** @return how many texts are cached now (tests: at most the buckets) */
    int size() {
        int n = 0;
        for (String t : texts) {
            if (t != null) {
                n++;
            }
        }
        return n;
    }
}
