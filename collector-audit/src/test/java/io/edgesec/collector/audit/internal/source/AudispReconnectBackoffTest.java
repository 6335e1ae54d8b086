package io.edgesec.collector.audit.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The af_unix socket source's reconnect waits: 0.5 s doubling up to 30 s (support's Backoff). */
class AudispReconnectBackoffTest {
    @Test
    void waitsDoubleFromHalfASecondUpToThirtySeconds() {
        assertEquals(List.of(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L),
                IntStream.rangeClosed(1, 8).mapToObj(a -> AudispSocketSource.reconnectWait(a).toMillis()).toList());
    }
}
