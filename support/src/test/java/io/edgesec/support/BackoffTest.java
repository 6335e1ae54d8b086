package io.edgesec.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromTheFirstWaitUpToTheMaximum() {
        Duration first = Duration.ofSeconds(10);
        Duration max = Duration.ofMinutes(1);
        assertEquals(Duration.ofSeconds(10), Backoff.exponential(first, max, 1));
        assertEquals(Duration.ofSeconds(20), Backoff.exponential(first, max, 2));
        assertEquals(Duration.ofSeconds(40), Backoff.exponential(first, max, 3));
        assertEquals(max, Backoff.exponential(first, max, 4));
        assertEquals(max, Backoff.exponential(first, max, Integer.MAX_VALUE));
        assertEquals(first, Backoff.exponential(first, max, 0), "no attempt yet counts as the first");
    }

    @Test
    void anAbsurdSettingGivesTheMaximumNotAnOverflow() {
        Duration huge = Duration.ofSeconds(Long.MAX_VALUE / 4);
        assertEquals(Duration.ofSeconds(Long.MAX_VALUE / 2), Backoff.exponential(huge, Duration.ofSeconds(Long.MAX_VALUE / 2), 5));
        assertEquals(Duration.ofDays(1), Backoff.exponential(Duration.ofHours(1), Duration.ofDays(1), 1000));
    }
}
