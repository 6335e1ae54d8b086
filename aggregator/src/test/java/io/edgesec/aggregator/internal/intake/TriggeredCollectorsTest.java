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

    /** Counts its opens and closes; its open waits for {@code release} when given one. */
    static class CountingCollector implements TriggeredCollector {
        final java.util.concurrent.atomic.AtomicInteger opens = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger closes = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.CountDownLatch opening = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release;

        CountingCollector(java.util.concurrent.CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void open(EventSink sink) throws InterruptedException {
            opens.incrementAndGet();
            opening.countDown();
            if (release != null) {
                release.await();
            }
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    CollectorSink sink(String name) {
        Settings s = TestConfig.settings();
        return new CollectorSink(name, new EventIntake(s, new EventQueues(1_000_000, 100_000), new EventAggregation(100), new Statistics(),
                List::of), s);
    }

    @Test
    void aCollectorGoneBeforeItsOpenRanIsNeverOpened() {
        // a bundle stopped (updated) right after it registered its collector: the open waits on
        // the opener; run after the close, it started a collector nobody would ever close
        List<Runnable> pending = new ArrayList<>();
        TriggeredCollectors collectors = new TriggeredCollectors(pending::add, (name, e) -> { });
        CountingCollector c = new CountingCollector(null);
        CollectorSink sink = sink("gone");
        collectors.add(9, "gone", c, sink);

        collectors.close(9);
        pending.forEach(Runnable::run);

        assertEquals(0, c.opens.get(), "never opened");
        assertEquals(0, c.closes.get(), "nor closed: it was never opened");
        assertFalse(sink.submit(Events.listeningPorts()), "its sink is closed");
    }

    @Test
    void aCloseWhileOpeningWaitsForTheOpenThenClosesOnce() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            TriggeredCollectors collectors = new TriggeredCollectors(threads, (name, e) -> { });
            List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
            CountingCollector c = new CountingCollector(release) {
                @Override
                public void open(EventSink sink) throws InterruptedException {
                    super.open(sink);
                    order.add("open returned");
                }

                @Override
                public void close() {
                    order.add("close");
                    super.close();
                }
            };
            collectors.add(10, "slow", c, sink("slow"));
            assertTrue(c.opening.await(10, java.util.concurrent.TimeUnit.SECONDS));

            java.util.concurrent.Future<?> closing = threads.submit(() -> collectors.close(10));
            release.countDown();
            closing.get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertEquals(List.of("open returned", "close"), order, "closed after its open returned, once");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anOpenLongerThanTheCloseWaitsIsClosedByTheOpenerWhenItReturns() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService opener = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            TriggeredCollectors collectors = new TriggeredCollectors(opener, (name, e) -> { }, java.time.Duration.ofMillis(1));
            CountingCollector c = new CountingCollector(release);
            CollectorSink sink = sink("slow");
            collectors.add(12, "slow", c, sink);
            assertTrue(c.opening.await(10, java.util.concurrent.TimeUnit.SECONDS));

            collectors.close(12); // gives up waiting for the open
            assertEquals(0, c.closes.get(), "not closed while its open runs");
            assertFalse(sink.submit(Events.listeningPorts()), "its sink is closed at once");
            release.countDown();
            opener.shutdown();
            assertTrue(opener.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS));

            assertEquals(1, c.opens.get());
            assertEquals(1, c.closes.get(), "closed once, by the opener, when its open returned");
        } finally {
            opener.shutdownNow();
        }
    }

    @Test
    void anOpenedCollectorIsClosedOnce() {
        TriggeredCollectors collectors = new TriggeredCollectors(Runnable::run, (name, e) -> { });
        CountingCollector c = new CountingCollector(null);
        collectors.add(11, "plain", c, sink("plain"));
        collectors.close(11);
        collectors.close(11);
        collectors.closeAll();
        assertEquals(1, c.opens.get());
        assertEquals(1, c.closes.get());
    }
}
