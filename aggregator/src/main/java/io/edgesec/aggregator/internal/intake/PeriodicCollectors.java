package io.edgesec.aggregator.internal.intake;

import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.report.OperationalEvents;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs periodic collectors on their schedule, each call on a worker thread with a timeout, as
 * Felix health checks run their checks: state is kept by {@code service.id}; a collector that
 * throws is reported; one that overruns its timeout is interrupted and reported, and is not
 * started again while its previous call is still running, so a hung collector costs one thread,
 * never the schedule of the others.
 */
public final class PeriodicCollectors {
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final EventIntake intake;
    private final Consumer<SecurityEvent> reports;
    private final AtomicLong added = new AtomicLong();
    /** Guards the two fields below. */
    private final Object firstRuns = new Object();
    /** Until the first message is sent: at most one first run starts per spacing; null: no limit. */
    private Duration firstRunSpacing;
    private Instant lastFirstRun;
    /** Run once when every collector's first run is over, after the first message (null: none, or run). */
    private Runnable afterFirstRuns;

    public PeriodicCollectors(ExecutorService workers, ScheduledExecutorService timer, EventIntake intake,
            Consumer<SecurityEvent> reports) {
        this.workers = workers;
        this.timer = timer;
        this.intake = intake;
        this.reports = reports;
    }

    /**
     * Until {@link #firstMessageSent(Runnable)}: collectors' first runs start one at a time in the order
     * they were added, at most one per {@code spacing} (the first at once), instead of all at once.
     * At start-up the first message waits only for the first High event (a default
     * configuration's: LocalUsers, whose collector is added first); the other collectors' first
     * snapshots, started meanwhile, only competed with it for the two cores (bench/RESULTS.md,
     * startup-lowfirst). They start at once when the first message is out; without one (no High
     * event), one per spacing, so the n-th waits at most (n-1) spacings, and a hung one holds
     * back the next by one spacing only.
     */
    public void firstRunsOneAtATime(Duration spacing) {
        synchronized (firstRuns) {
            firstRunSpacing = spacing;
        }
    }

    /**
     * The first message is out: every first run still waiting starts now, and
     * {@code whenFirstRunsAreOver} runs once when every collector's first run has returned (or
     * timed out), so that the snapshots held back need not wait for the next scheduled message.
     */
    public void firstMessageSent(Runnable whenFirstRunsAreOver) {
        synchronized (firstRuns) {
            if (firstRunSpacing == null) {
                return;
            }
            firstRunSpacing = null;
            afterFirstRuns = whenFirstRunsAreOver;
        }
        try {
            timer.execute(() -> tick(Instant.now()));
        } catch (RejectedExecutionException e) {
            // stopping
        }
        firstRunOver(null);
    }

    /** {@code e}'s first run is over (null: none, just look): runs afterFirstRuns if all are. */
    private void firstRunOver(Entry e) {
        Runnable r;
        synchronized (firstRuns) {
            if (e != null) {
                e.firstRunOver = true;
            }
            if (afterFirstRuns == null || firstRunSpacing != null) {
                return;
            }
            for (Entry other : entries.values()) {
                if (!other.firstRunOver) {
                    return;
                }
            }
            r = afterFirstRuns;
            afterFirstRuns = null;
        }
        r.run();
    }

    /**
     * Adds a collector and runs it at once (on the timer, the thread that ticks): its first
     * events, at start-up the first message's, need not wait for the next tick.
     */
    public void add(long serviceId, String name, PeriodicCollector collector, Duration period, Duration timeout) {
        entries.put(serviceId, new Entry(added.incrementAndGet(), name, collector, period, timeout));
        try {
            timer.execute(() -> tick(Instant.now()));
        } catch (RejectedExecutionException e) {
            // stopping: the timer runs nothing more, this collector included
        }
    }

    /**
     * Removes a collector: once this returns, nothing more of it is accepted. A call still in
     * collect() is interrupted; what it returns anyway is counted as dropped for the collector,
     * never queued after its removal (a hot swap's "its events stop" holds at once).
     */
    public void remove(long serviceId) {
        Entry e = entries.remove(serviceId);
        if (e == null) {
            return;
        }
        synchronized (e) {
            e.removed = true;
            if (e.running != null) {
                e.running.cancel(true);
            }
        }
    }

    int size() {
        return entries.size();
    }

    /** Starts every collector that is due and not still running. */
    public void tick(Instant now) {
        Settings s = intake.settings();
        boolean oneAtATime;
        synchronized (firstRuns) {
            oneAtATime = firstRunSpacing != null;
        }
        Entry firstInLine = null;
        for (Entry e : entries.values()) {
            synchronized (e) {
                // A cancelled Future is "done" at once, even while its thread is still stuck in
                // collect(): the call itself says whether it is still running.
                if (e.inCall || (e.running != null && !e.running.isDone())) {
                    continue;
                }
                if (oneAtATime && !e.ranOnce) {
                    if (firstInLine == null || e.order < firstInLine.order) {
                        firstInLine = e;
                    }
                    continue;
                }
                if (e.next != null && now.isBefore(e.next)) {
                    continue;
                }
                startNow(e, now, s);
            }
        }
        if (firstInLine != null && firstRunDue(now)) {
            synchronized (firstInLine) {
                if (!firstInLine.removed && !firstInLine.ranOnce) {
                    startNow(firstInLine, now, s);
                }
            }
        }
    }

    /** Whether a first run may start now (one at a time), and if so, counts it as started. */
    private boolean firstRunDue(Instant now) {
        synchronized (firstRuns) {
            if (firstRunSpacing != null && lastFirstRun != null && now.isBefore(lastFirstRun.plus(firstRunSpacing))) {
                return false;
            }
            lastFirstRun = now;
            return true;
        }
    }

    private void startNow(Entry e, Instant now, Settings s) {
        Duration period = e.period != null ? e.period : s.snapshotFrequency;
        e.next = now.plus(period);
        e.ranOnce = true;
        start(e, e.timeout != null ? e.timeout : s.collectorTimeout);
    }

    /** Runs every collector once more now (used at start-up by tests and after reconfiguration). */
    void runAllNow() {
        for (Entry e : entries.values()) {
            synchronized (e) {
                e.next = null;
            }
        }
        tick(Instant.now());
    }

    private void start(Entry e, Duration timeout) {
        Call call = new Call();
        Future<?> f = workers.submit(() -> runOnce(e, call));
        e.running = f;
        timer.schedule(() -> {
            if (!f.isDone()) {
                call.timedOut = true;
                f.cancel(true);
                firstRunOver(e);
                e.failing = true;
                intake.health().collectorFailed(e.name, "Timeout", "collect() did not return within " + timeout, timeout.toNanos());
                reports.accept(OperationalEvents.collectorStatus(e.name, "Timeout", Severity.ERROR,
                        "collect() did not return within " + timeout + "; interrupted", Instant.now()));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce(Entry e, Call call) {
        e.inCall = true;
        try {
            collectOnce(e, call);
        } finally {
            e.inCall = false;
            if (!e.firstRunOver) {
                firstRunOver(e);
            }
        }
    }

    private void collectOnce(Entry e, Call call) {
        List<SecurityEvent> events;
        long t0 = System.nanoTime();
        try {
            events = e.collector.collect();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return;
        } catch (Throwable ex) { // a plugin's failure of any kind (AssertionError, StackOverflowError ...) is isolated and reported
            if (call.timedOut) {
                return; // already reported as a timeout
            }
            e.failing = true;
            intake.health().collectorFailed(e.name, "Error", ex.getClass().getSimpleName() + ": " + ex.getMessage(), System.nanoTime() - t0);
            reports.accept(OperationalEvents.collectorStatus(e.name, "Error", Severity.ERROR,
                    ex.getClass().getSimpleName() + ": " + ex.getMessage(), Instant.now()));
            return;
        }
        if (call.timedOut || Thread.currentThread().isInterrupted()) {
            // timed out (already reported) or removed: its late result is not queued, even if the
            // collector swallowed the interrupt, and what it returned is counted as dropped
            countDropped(e, events);
            return;
        }
        Instant done = Instant.now();
        intake.health().collectorSucceeded(e.name, System.nanoTime() - t0, done);
        if (e.failing) {
            e.failing = false;
            reports.accept(OperationalEvents.collectorStatus(e.name, "Recovered", Severity.INFORMATION, "collect() succeeded again", Instant.now()));
        }
        if (events != null) {
            // under the entry's lock, so that remove() either comes before (all refused) or after (all queued)
            synchronized (e) {
                for (SecurityEvent ev : events) {
                    if (ev == null) {
                        continue;
                    }
                    if (!e.removed && intake.accept(ev)) {
                        intake.health().accepted(e.name, done);
                    } else {
                        intake.health().dropped(e.name);
                    }
                }
            }
        }
    }

    private void countDropped(Entry e, List<SecurityEvent> events) {
        if (events != null) {
            for (SecurityEvent ev : events) {
                if (ev != null) {
                    intake.health().dropped(e.name);
                }
            }
        }
    }

    /** One call of collect(). */
    private static final class Call {
        volatile boolean timedOut;
    }

    private static final class Entry {
        /** Its place in the order collectors were added. */
        final long order;
        final String name;
        final PeriodicCollector collector;
        final Duration period;
        final Duration timeout;
        Instant next;
        Future<?> running;
        /** True from the moment collect() is entered until it returns, whatever the Future says. */
        volatile boolean inCall;
        volatile boolean failing;
        /** Set by remove(): the results of a call still running are not accepted. */
        boolean removed;
        /** Its first run has started. */
        boolean ranOnce;
        /** Its first run has returned or timed out (guarded by firstRuns). */
        volatile boolean firstRunOver;

        Entry(long order, String name, PeriodicCollector collector, Duration period, Duration timeout) {
            this.order = order;
            this.name = name;
            this.collector = collector;
            this.period = period;
            this.timeout = timeout;
        }
    }
}
