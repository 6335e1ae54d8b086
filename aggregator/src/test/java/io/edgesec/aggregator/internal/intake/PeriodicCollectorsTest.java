package io.edgesec.aggregator.internal.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.aggregator.internal.Events;
import io.edgesec.aggregator.internal.TestConfig;
import io.edgesec.aggregator.internal.aggregation.EventAggregation;
import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.aggregator.internal.report.Statistics;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.SecurityEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real threads; waits are generous and polled, nothing asserts how long something took. */
class PeriodicCollectorsTest {
    private static final Duration PERIOD = Duration.ofMillis(50);
    private ExecutorService workers;
    private ScheduledExecutorService timer;
    private EventQueues queues;
    private final List<SecurityEvent> reports = new CopyOnWriteArrayList<>();
    private PeriodicCollectors periodic;
    private EventIntake intake;
    private final AtomicBoolean release = new AtomicBoolean();
    /** Calls handed to the workers: tick() decides and hands them over before it returns. */
    private final AtomicInteger started = new AtomicInteger();
    /** Calls the workers have finished (the task returned: the collector is no longer running). */
    private final AtomicInteger finished = new AtomicInteger();

    private ExecutorService counting(ExecutorService pool) {
        return new java.util.concurrent.AbstractExecutorService() {
            @Override
            public void execute(Runnable r) {
                started.incrementAndGet();
                pool.execute(() -> {
                    try {
                        r.run();
                    } finally {
                        finished.incrementAndGet();
                    }
                });
            }

            @Override
            public void shutdown() {
                pool.shutdown();
            }

            @Override
            public List<Runnable> shutdownNow() {
                return pool.shutdownNow();
            }

            @Override
            public boolean isShutdown() {
                return pool.isShutdown();
            }

            @Override
            public boolean isTerminated() {
                return pool.isTerminated();
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
                return pool.awaitTermination(timeout, unit);
            }
        };
    }

    @BeforeEach
    void setUp() {
        workers = counting(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-collector");
            t.setDaemon(true);
            return t;
        }));
        timer = Executors.newSingleThreadScheduledExecutor();
        Settings s = TestConfig.settings();
        queues = new EventQueues(10_000_000, 100_000);
        intake = new EventIntake(s, queues, new EventAggregation(100), new Statistics(), List::of);
        periodic = new PeriodicCollectors(workers, timer, intake, reports::add);
    }

    @AfterEach
    void tearDown() {
        release.set(true);
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    private void tickEvery(Duration d) {
        timer.scheduleWithFixedDelay(() -> periodic.tick(Instant.now()), 0, d.toMillis(), TimeUnit.MILLISECONDS);
    }

    private long reports(String status) {
        return reports.stream().filter(r -> r.payload().stream().anyMatch(p -> {
            Map<?, ?> extra = (Map<?, ?>) p.get("ExtraDetails");
            return extra != null && status.equals(extra.get("Status"));
        })).count();
    }

    @Test
    void anAddedCollectorRunsAtOnceNotAtTheNextTick() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        periodic.add(1, "first", () -> {
            called.countDown();
            return List.of(Events.listeningPorts());
        }, PERIOD, Duration.ofSeconds(5));
        // nothing ticks in this test: the add itself has the timer run it
        assertTrue(called.await(30, TimeUnit.SECONDS), "a new collector's first collection does not wait for a tick");
        await("its events are queued", () -> queues.size(QueueKind.HIGH) == 1);
    }

    @Test
    void untilTheFirstMessageFirstRunsGoOneAtATimeInTheOrderAddedThenAllAtOnce() throws Exception {
        periodic.firstRunsOneAtATime(Duration.ofHours(1)); // no second first run before the release
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch firstReturned = new CountDownLatch(1);
        periodic.add(7, "first", () -> {
            calls.add("first");
            firstReturned.countDown();
            return List.of(Events.listeningPorts());
        }, Duration.ofHours(1), Duration.ofSeconds(5));
        for (int id = 3; id <= 5; id++) { // lower service ids, added later: the order added counts
            String name = "later" + id;
            periodic.add(id, name, () -> {
                calls.add(name);
                return List.of(Events.listeningPorts());
            }, Duration.ofHours(1), Duration.ofSeconds(5));
        }
        assertTrue(firstReturned.await(30, TimeUnit.SECONDS));
        await("its event queued", () -> queues.size(QueueKind.HIGH) == 1);
        for (int i = 0; i < 5; i++) {
            periodic.tick(Instant.now());
        }
        Thread.sleep(100);
        assertEquals(List.of("first"), calls, "the others' first runs wait for the first message");
        periodic.firstMessageSent(() -> { });
        await("every first run starts at once after it", () -> calls.size() == 4);
        await("their events queued", () -> queues.size(QueueKind.HIGH) == 4);
    }

    @Test
    void onceTheFirstMessageIsOutTheCallerIsToldOnceWhenEveryFirstRunIsOver() throws Exception {
        periodic.firstRunsOneAtATime(Duration.ofHours(1));
        CountDownLatch firstReturned = new CountDownLatch(1);
        CountDownLatch slowMayReturn = new CountDownLatch(1);
        periodic.add(1, "first", () -> {
            firstReturned.countDown();
            return List.of(Events.listeningPorts());
        }, Duration.ofHours(1), Duration.ofSeconds(30));
        periodic.add(2, "slow", () -> {
            slowMayReturn.await();
            return List.of(Events.listeningPorts());
        }, Duration.ofHours(1), Duration.ofSeconds(30));
        periodic.add(3, "quick", () -> List.of(Events.listeningPorts()), Duration.ofHours(1), Duration.ofSeconds(30));
        assertTrue(firstReturned.await(30, TimeUnit.SECONDS));
        AtomicInteger told = new AtomicInteger();
        AtomicInteger queuedWhenTold = new AtomicInteger(-1);
        periodic.firstMessageSent(() -> {
            queuedWhenTold.set(queues.size(QueueKind.HIGH));
            told.incrementAndGet();
        });
        await("the quick one's event queued", () -> queues.size(QueueKind.HIGH) == 2);
        Thread.sleep(100);
        assertEquals(0, told.get(), "the slow one's first run is not over");
        slowMayReturn.countDown();
        await("told", () -> told.get() == 1);
        assertEquals(3, queuedWhenTold.get(), "told after the last first run's events were queued");
        periodic.runAllNow();
        await("a second run of each", () -> finished.get() >= 6);
        Thread.sleep(100);
        assertEquals(1, told.get(), "told once");
    }

    @Test
    void withoutAFirstMessageTheFirstRunsStillAllStartOnePerSpacing() throws Exception {
        periodic.firstRunsOneAtATime(Duration.ofMillis(20));
        AtomicInteger calls = new AtomicInteger();
        for (int id = 1; id <= 4; id++) {
            periodic.add(id, "c" + id, () -> {
                calls.incrementAndGet();
                return List.of(Events.listeningPorts());
            }, Duration.ofHours(1), Duration.ofSeconds(5));
        }
        tickEvery(Duration.ofMillis(10));
        await("all four ran once, never sent a first message", () -> calls.get() == 4);
        await("their events queued", () -> queues.size(QueueKind.HIGH) == 4);
    }

    @Test
    void throwingAndHangingCollectorsDoNotStopAThird() throws Exception {
        AtomicInteger throwerCalls = new AtomicInteger();
        PeriodicCollector thrower = () -> {
            throwerCalls.incrementAndGet();
            throw new IllegalStateException("broken source");
        };
        AtomicInteger hangerCalls = new AtomicInteger();
        AtomicInteger hangerConcurrent = new AtomicInteger();
        AtomicInteger hangerMaxConcurrent = new AtomicInteger();
        CountDownLatch hangerEntered = new CountDownLatch(1);
        PeriodicCollector hanger = () -> {
            hangerCalls.incrementAndGet();
            hangerMaxConcurrent.accumulateAndGet(hangerConcurrent.incrementAndGet(), Math::max);
            hangerEntered.countDown();
            try {
                while (!release.get()) { // ignores interrupts, as a collector stuck in native I/O would
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException swallowed) {
                        // keeps hanging
                    }
                }
                return List.of(Events.listeningPorts());
            } finally {
                hangerConcurrent.decrementAndGet();
            }
        };
        AtomicInteger goodCalls = new AtomicInteger();
        PeriodicCollector good = () -> {
            goodCalls.incrementAndGet();
            return List.of(Events.listeningPorts());
        };
        periodic.add(1, "thrower", thrower, PERIOD, Duration.ofSeconds(5));
        periodic.add(2, "hanger", hanger, PERIOD, Duration.ofMillis(100));
        periodic.add(3, "good", good, PERIOD, Duration.ofSeconds(5));
        assertEquals(3, periodic.size());
        tickEvery(Duration.ofMillis(10));

        assertTrue(hangerEntered.await(30, TimeUnit.SECONDS));
        await("the hanging collector's timeout report", () -> reports("Timeout") >= 1);
        int goodBefore = goodCalls.get();
        int throwerBefore = throwerCalls.get();
        await("the good collector runs on while the other hangs", () -> goodCalls.get() >= goodBefore + 5);
        await("the throwing collector is retried on schedule", () -> throwerCalls.get() >= throwerBefore + 3);
        await("its events are queued", () -> queues.size(QueueKind.HIGH) >= goodBefore + 5);
        assertEquals(1, hangerCalls.get(), "a hung collector is not started again while its call is still running");
        assertEquals(1, hangerMaxConcurrent.get());
        assertEquals(1, reports("Timeout"), "one report per hang, not one per period");
        assertTrue(reports("Error") >= 3, "each failure is reported");
        SecurityEvent error = reports.stream().filter(r -> "Error".equals(r.payload().get(0).get("Severity"))).findFirst().get();
        assertTrue(((String) error.payload().get(0).get("Message")).contains("broken source"));
        assertTrue(((String) error.payload().get(0).get("Message")).startsWith("collector thrower: "));

        // the hung call finally returns: its late result is discarded, then it runs on schedule again
        int queuedBefore = queues.size(QueueKind.HIGH);
        int goodAtRelease = goodCalls.get();
        release.set(true);
        await("the hanger is called again", () -> hangerCalls.get() >= 2);
        await("and reports that it recovered", () -> reports("Recovered") >= 1);
        assertTrue(hangerMaxConcurrent.get() == 1);
        await("good keeps going", () -> goodCalls.get() > goodAtRelease);
        assertTrue(queues.size(QueueKind.HIGH) >= queuedBefore);
    }

    @Test
    void lateResultOfATimedOutCallIsDiscardedEvenIfTheInterruptWasSwallowed() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        PeriodicCollector slow = () -> {
            if (calls.incrementAndGet() > 1) {
                return List.of();
            }
            entered.countDown();
            while (!release.get()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException swallowed) {
                    // cleared
                }
            }
            return List.of(Events.listeningPorts());
        };
        periodic.add(1, "slow", slow, Duration.ofHours(1), Duration.ofMillis(50));
        periodic.tick(Instant.now());
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        await("timeout", () -> reports("Timeout") == 1);
        release.set(true);
        periodic.runAllNow(); // not started while still in the call; started once it has returned
        await("second call", () -> {
            periodic.runAllNow();
            return calls.get() >= 2;
        });
        assertEquals(0, queues.size(QueueKind.HIGH), "the timed-out call's events were not queued");
        assertEquals(1, intake.health().collectors().get("slow").dropped(), "and counted as dropped");
    }

    @Test
    void periodAndSnapshotFrequencyScheduling() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        PeriodicCollector c = () -> {
            calls.incrementAndGet();
            return List.of();
        };
        periodic.add(7, "c", c, null, null); // period: snapshotFrequency (13 h)
        Instant t = Instant.now();
        periodic.tick(t);
        // finished, not only entered: a tick skips a collector still in its call, which would let
        // the ticks below pass or fail for the wrong reason
        await("first call at start, returned", () -> calls.get() == 1 && finished.get() == 1);
        periodic.tick(t.plus(Duration.ofHours(12)));
        assertEquals(1, started.get(), "not due before snapshotFrequency: no call started by that tick");
        periodic.tick(t.plus(Duration.ofHours(13)));
        assertEquals(2, started.get(), "due after snapshotFrequency");
        await("due after snapshotFrequency", () -> calls.get() == 2);
        periodic.remove(7);
        periodic.runAllNow();
        assertEquals(2, started.get(), "a removed collector is not called");
        assertEquals(2, calls.get());
        assertEquals(0, periodic.size());
    }

    @Test
    void whatACallReturnsAfterItsCollectorWasRemovedIsCountedAsDroppedNotQueued() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        PeriodicCollector deaf = () -> { // swallows the interrupt of its removal and returns its events anyway
            entered.countDown();
            while (true) {
                try {
                    proceed.await();
                    break;
                } catch (InterruptedException ignored) {
                    // a collector that does not honour interruption
                }
            }
            return List.of(Events.listeningPorts(), Events.listeningPorts());
        };
        periodic.add(7, "deaf", deaf, PERIOD, Duration.ofMinutes(5));
        periodic.tick(Instant.now());
        assertTrue(entered.await(30, TimeUnit.SECONDS), "collect() entered");
        periodic.remove(7);
        proceed.countDown();
        await("the removed collector's call returned", () -> finished.get() == 1);
        assertEquals(0, queues.size(QueueKind.HIGH), "nothing of a removed collector is queued after its removal");
        assertEquals(2, intake.health().collectors().get("deaf").dropped(), "its late events are counted as dropped");
    }

    @Test
    void nullEventsAndNullListsAreIgnored() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        PeriodicCollector returnsNull = () -> {
            calls.incrementAndGet();
            return null;
        };
        java.util.ArrayList<SecurityEvent> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        withNull.add(Events.listeningPorts());
        PeriodicCollector listWithNull = () -> {
            calls.incrementAndGet();
            return withNull;
        };
        periodic.add(1, "a", returnsNull, PERIOD, null);
        periodic.add(2, "b", listWithNull, PERIOD, null);
        periodic.tick(Instant.now());
        await("both ran", () -> calls.get() >= 2);
        await("the one event queued", () -> queues.size(QueueKind.HIGH) == 1);
        assertEquals(0, reports.size());
    }
}
