package io.edgesec.detector.internal.engine;

import io.edgesec.detector.internal.view.RecentNames;
import java.util.function.UnaryOperator;

/**
 * Equal strings share one copy: the last string seen per hash bucket ({@link RecentNames} with
 * the string itself as its name). The process table keeps tens of thousands of records for
 * minutes; most of them name one of a few dozen executables and programs, and a device runs the
 * same command lines again and again (health checks, cron jobs, scripts). Each event's copies are
 * fresh strings from the collector: kept as they are, the table's live data is several times
 * larger, and the agent's small heap copies it in every young collection until it is promoted,
 * then marks it in every full one.
 *
 * <p>Bounded: a fixed number of buckets, each holding at most one string of at most
 * {@code maxLength} characters (a longer string is kept as it is, not cached); a collision
 * replaces the bucket's string, so a flood of unique strings costs one lookup each and no growth.
 * Not thread-safe: the engine's thread only.
 */
final class RecentStrings {
    private final RecentNames recent;

    /** @param buckets a power of two */
    RecentStrings(int buckets, int maxLength) {
        this.recent = new RecentNames(buckets, maxLength, UnaryOperator.identity());
    }

    /** @return an earlier string equal to s if one is cached, else s (then cached) */
    String share(String s) {
        return s == null ? null : recent.of(s);
    }
}
