package io.edgesec.aggregator.internal.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.aggregator.internal.Events;
import io.edgesec.aggregator.internal.TestConfig;
import io.edgesec.aggregator.internal.aggregation.EventAggregation;
import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.report.Statistics;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.SecurityMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event feed: observers see every accepted event before aggregation; refusals are counted drops. */
class EventObserverFeedTest {

    private final Observers observers = new Observers();
    private final Statistics stats = new Statistics();
    private final Settings settings = TestConfig.settings("eventPriorityConnectionCreate", "Off");
    private final EventQueues queues = new EventQueues(settings.maxCacheBytes,
            settings.maxMessageBytes - SecurityMessage.envelopeOverhead("0.1.0", settings.agentId) + 1);
    private final EventAggregation aggregation = new EventAggregation(1000);
    private final EventIntake intake = new EventIntake(settings, queues, aggregation, stats, List::of, observers::list);

    @Test
    void everyRepeatReachesTheObserverThoughAggregationFoldsThem() {
        List<SecurityEvent> seen = new ArrayList<>();
        observers.add(1, "recorder", e -> seen.add(e));
        Instant t = Instant.now();
        for (int i = 0; i < 5; i++) {
            assertTrue(intake.accept(Events.processCreate("sleep 1", 100 + i, 1, t)));
        }
        assertEquals(5, seen.size(), "one call per accepted event, repeats included");
        assertEquals(0, queues.queuedBytes(), "aggregation holds them: nothing queued yet");
    }

    @Test
    void eventsWhosePriorityIsOffAreStillObservedButNotSent() {
        List<SecurityEvent> seen = new ArrayList<>();
        observers.add(1, "recorder", e -> seen.add(e));
        SecurityEvent conn = SecurityEvent.builder("ConnectionCreate").payload(Events.map("RemoteAddress", "10.0.0.1",
                "RemotePort", "4444", "Direction", "Out", "Protocol", "tcp", "ProcessId", 5, "Executable", "/bin/bash")).build();
        assertEquals(false, intake.accept(conn));
        assertEquals(1, seen.size());
    }

    @Test
    void aRefusalOrAThrowingObserverIsACountedDropAndTheOthersStillSeeTheEvent() {
        List<SecurityEvent> seen = new ArrayList<>();
        observers.add(1, "full", e -> false);
        observers.add(2, "broken", e -> {
            throw new IllegalStateException("boom");
        });
        observers.add(3, "recorder", e -> seen.add(e));
        for (int i = 0; i < 3; i++) {
            intake.accept(Events.processCreate("sleep 1", 100 + i, 1, Instant.now()));
        }
        assertEquals(3, seen.size());
        SecurityEvent report = stats.droppedEvents(queues, Instant.now());
        Map<?, ?> lowExtra = (Map<?, ?>) report.payload().get(1).get("ExtraDetails");
        assertEquals("3", lowExtra.get("DroppedByObserver.full"));
        assertEquals("3", lowExtra.get("DroppedByObserver.broken"));
        // the running totals of the health file and the metrics, which statistics reports do not reset
        assertEquals(Map.of("broken", 3L, "full", 3L), stats.health.observerDrops());
        assertEquals(Map.of("full", Map.of("dropped", 3L), "broken", Map.of("dropped", 3L)),
                stats.health.document(Map.of(), Instant.now()).get("observers"));
        String metrics = io.edgesec.aggregator.internal.metrics.PrometheusText.render(stats.health,
                new io.edgesec.aggregator.internal.metrics.PrometheusText.Gauges() {
                    @Override
                    public Map<String, long[]> queues() {
                        return Map.of();
                    }

                    @Override
                    public long journalBytes() {
                        return -1;
                    }
                }, "test");
        assertTrue(metrics.contains("edgesec_observer_events_dropped_total{observer=\"full\"} 3"), metrics);
        observers.remove(1);
        observers.remove(2);
        intake.accept(Events.processCreate("sleep 1", 200, 1, Instant.now()));
        assertEquals(4, seen.size());
    }
}
