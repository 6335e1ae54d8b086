package io.edgesec.collector.docker.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgesec.collector.docker.internal.inventory.KnownContainers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event stream's reconnect waits: min, doubling, capped at max (support's Backoff). */
class ReconnectBackoffTest {

    private static ContainerEventCollector collector(Duration min, Duration max) {
        return new ContainerEventCollector(() -> null, new KnownContainers(), "test", min, max);
    }

    @Test
    void waitsDoubleFromTheMinimumUpToTheMaximum() {
        ContainerEventCollector c = collector(Duration.ofSeconds(1), Duration.ofSeconds(60));
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 9; attempt++) {
            waits.add(c.reconnectWait(attempt));
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), waits.stream().map(Duration::toSeconds).toList());
    }

    @Test
    void aMaximumThatIsNoDoublingOfTheMinimumCapsTheWait() {
        ContainerEventCollector c = collector(Duration.ofMillis(100), Duration.ofMillis(350));
        assertEquals(List.of(100L, 200L, 350L, 350L),
                List.of(1, 2, 3, 4).stream().map(a -> c.reconnectWait(a).toMillis()).toList());
    }

    @Test
    void aMaximumBelowTheMinimumMeansTheMinimum() {
        ContainerEventCollector c = collector(Duration.ofSeconds(5), Duration.ofSeconds(1));
        assertEquals(Duration.ofSeconds(5), c.reconnectWait(1));
        assertEquals(Duration.ofSeconds(5), c.reconnectWait(30));
    }

    @Test
    void theMinimumMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> collector(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
