package io.edgesec.aggregator.internal.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.aggregator.internal.Events;
import io.edgesec.aggregator.internal.TestConfig;
import io.edgesec.aggregator.internal.aggregation.EventAggregation;
import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.aggregator.internal.report.Statistics;
import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggeredCollectorsTest {

    /** Submits one last event from inside close(), as a collector flushing what it holds does. */
    static final class FlushingCollector implements TriggeredCollector {
        EventSink sink;
        final List<Boolean> results = new ArrayList<>();

        @Override
        public void open(EventSink s) {
            sink = s;
        }

        @Override
        public void close() {
            results.add(sink.submit(Events.listeningPorts()));
        }
    }

    @Test
    void whatACollectorSubmitsWhileClosingIsAcceptedAndNothingAfter() {
        Settings s = TestConfig.settings();
        EventQueues q = new EventQueues(1_000_000, 100_000);
        EventIntake intake = new EventIntake(s, q, new EventAggregation(100), new Statistics(), List::of);
        List<String> openFailures = new ArrayList<>();
        TriggeredCollectors collectors = new TriggeredCollectors(Runnable::run, (name, e) -> openFailures.add(name));
        FlushingCollector c = new FlushingCollector();
        CollectorSink sink = new CollectorSink("flushing", intake, s);
        collectors.add(7, "flushing", c, sink);
        assertTrue(c.sink.submit(Events.listeningPorts()));

        collectors.close(7);

        assertEquals(List.of(true), c.results, "the event submitted inside close() was accepted");
        assertEquals(2, q.size(QueueKind.HIGH));
        assertEquals(0, q.droppedSinceReset(), "nothing refused while the collector closed");
        assertFalse(sink.submit(Events.listeningPorts()), "a submit after close is refused");
        assertEquals(1, q.droppedSinceReset(), "and counted");
        assertEquals(List.of(), collectors.sinks());
        assertEquals(List.of(), openFailures);
    }

    @Test
    void aThrowingOpenIsReportedAndAThrowingCloseStillClosesTheSink() {
        Settings s = TestConfig.settings();
        EventQueues q = new EventQueues(1_000_000, 100_000);
        EventIntake intake = new EventIntake(s, q, new EventAggregation(100), new Statistics(), List::of);
        List<String> openFailures = new ArrayList<>();
        TriggeredCollectors collectors = new TriggeredCollectors(Runnable::run, (name, e) -> openFailures.add(name + ": " + e.getMessage()));
        TriggeredCollector broken = new TriggeredCollector() {
            @Override
            public void open(EventSink sink) {
                throw new IllegalStateException("no engine");
            }

            @Override
            public void close() {
                throw new IllegalStateException("already gone");
            }
        };
        CollectorSink sink = new CollectorSink("broken", intake, s);
        collectors.add(8, "broken", broken, sink);
        assertEquals(List.of("broken: no engine"), openFailures);
        collectors.closeAll();
        assertFalse(sink.submit(Events.listeningPorts()), "the sink is closed even though close() threw");
    }
}
