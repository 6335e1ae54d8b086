package io.edgesec.bundles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When a failed twin bundle entry is tried again (moved from edgehub-transport's TwinLimitsTest). */
class RetryBackoffTest {
    @Test
    void failuresWaitTheirBackOffAndAChangedEntryDoesNot() {
        Instant[] now = {Instant.parse("2026-12-06T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        RetryBackoff r = new RetryBackoff(Duration.ofSeconds(10), Duration.ofSeconds(60), clock);
        assertNull(r.next());
        assertEquals(Duration.ofSeconds(10), r.failed("a", "k1"));
        assertTrue(r.waiting("a", "k1"));
        assertTrue(!r.waiting("a", "k2"), "a changed entry is tried at once");
        now[0] = now[0].plusSeconds(10);
        assertTrue(!r.waiting("a", "k1"));
        assertEquals(Duration.ofSeconds(20), r.failed("a", "k1"));
        assertEquals(Duration.ofSeconds(40), r.failed("a", "k1"));
        assertEquals(Duration.ofSeconds(60), r.failed("a", "k1"), "capped");
        assertEquals(now[0].plusSeconds(60), r.next());
        assertTrue(r.succeeded("a"));
        assertNull(r.next());
    }
}
