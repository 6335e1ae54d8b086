package io.edgesec.detector.internal.osgi;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.engine.DetectionEngine;
import io.edgesec.detector.internal.view.ReadAhead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The detector's own thread and its bounded hand-over: {@link #offer} never blocks the
 * collector's thread (a full queue is a refusal, which the aggregator counts as a drop); the
 * thread feeds the engine and submits the alerts it raises through the detector's sink.
 */
final class DetectorThread implements Runnable {
    private static final Logger LOG = Logger.getLogger(DetectorThread.class.getName());
    /** The events the rules read; others are ignored on purpose (not a drop). */
    static final Set<String> JUDGED = Set.of("ProcessCreate", "ConnectionCreate", "Login", "AccountChange",
            "ContainerEvent", "ContainerInventory", "ListeningPorts", "FirewallConfiguration", "FileChange", "KernelModule",
            "AuditConfigurationChange");
    /** Wakes the thread for a configuration change or a stop; never judged. */
    private static final ReadAhead WAKE = ReadAhead.of(SecurityEvent.builder("DetectorWake")
            .category(io.edgesec.api.event.EventCategory.PERIODIC).build());
    /** The tick: at most once a second, and only while the engine has something a tick could raise. */
    static final long TICK_NANOS = 1_000_000_000L;

    private final ArrayBlockingQueue<ReadAhead> queue;
    private final AtomicReference<DetectionEngine> engine;
    private final Consumer<List<SecurityEvent>> alerts;
    private final Thread thread;
    /** Builds the engine on this thread before the first event (null: given at construction). */
    private Supplier<DetectionEngine> build;
    private volatile boolean running = true;
    private volatile Runnable pendingChange;
    /** Events judged per wake-up at most. */
    static final int BATCH = 1024;
    /**
     * How long the thread lets events gather after it was woken by the first of a batch, before
     * judging them, when its queue is large enough to hold them. Each batch finds the engine's code and tables out of the caches (the thread slept; the
     * collectors and the machine's other work ran meanwhile): about 10 µs per batch before the
     * first event is judged, as much as ten events cost (bench/detector-cold.sh: 2.3 µs per event
     * in batches of 10, 1.2 µs in batches of 100). 100 ms makes the batches of an exec load of 1,000 a
     * second 100 events; an alert waits at most that long, far less than a message's period. A
     * collector's {@link #offer} ends the linger as soon as a full {@link #BATCH} is there, so a
     * flood is neither delayed nor dropped for it.
     */
    static final long LINGER_NANOS = 100_000_000L;
    /**
     * While events keep coming, the thread paces itself instead of waiting on the queue: after a
     * batch it sleeps, woken by no single offer (only by a full {@link #BATCH}, a change or a stop),
     * until {@link #PACE_MARGIN_NANOS} after the next batch's first event is due, then takes what
     * came. The collectors hand events over in bursts (the audit log is read every 200 ms, its
     * records offered one by one as they are parsed), so the next burst is due one period after
     * this one's first event (stamped by {@link #offer}); the period is measured between bursts and
     * kept within [{@link #PACE_MIN_NANOS}, {@link #PACE_MAX_NANOS}] (events that trickle in
     * without bursts are then gathered for at least the minimum). A thread that waited on the
     * queue instead was woken by each burst's first event, then lingered for the rest: two wake-ups
     * a burst, one of them a futex wake-up of the collector's own thread; profiled in an agent
     * under 1,000 execs/s, the wait and wake machinery was over a quarter of the detector thread's
     * CPU (bench/RESULTS.md, detector-cpu3). Waking just after the burst, not a fixed time after
     * the last batch, also keeps the events queued for tens of milliseconds, not hundreds: events
     * still queued when a young collection comes are copied by it (with a fixed 250 ms pace the
     * GC's thread measured +0.03 to +0.06 % of a core in 4 rounds of 6, within the spread of the
     * agents without the detector). A paced wake-up that finds nothing (a burst
     * late, or no more events) ends the pacing: the thread waits on the queue again (no timed
     * wake-up at all when idle). An alert waits at most {@link #PACE_MAX_NANOS} and the margin.
     */
    static final long PACE_MIN_NANOS = 100_000_000L;
    static final long PACE_MAX_NANOS = 250_000_000L;
    /** How long after a burst's expected first event the thread wakes: the burst's own length (a few ms) and its jitter. */
    static final long PACE_MARGIN_NANOS = 20_000_000L;
    static final long NO_TIME = Long.MIN_VALUE;
    /** 0: no lingering (a small queue would fill meanwhile). */
    private final long lingerNanos;
    /** False: no pacing (see {@link #PACE_MIN_NANOS}; with no lingering). */
    private final boolean paces;
    /** Set by the thread when it found the queue empty: the next {@link #offer} stamps {@link #firstArrival}. */
    private volatile boolean stampNext = true;
    /** {@link System#nanoTime()} when the first event after an empty queue was offered (a burst's start). */
    private volatile long firstArrival = NO_TIME;
    /** How often the thread lingered (tests). */
    private volatile long lingered;
    /** True while the thread lingers: an {@link #offer} that makes a full batch wakes it. */
    private volatile boolean lingering;

    DetectorThread(int capacity, DetectionEngine engine, Consumer<List<SecurityEvent>> alerts) {
        // a small queue would fill before a full batch ends a linger
        this(capacity, engine, alerts, capacity >= 4096 ? LINGER_NANOS : 0);
    }

    /**
     * A thread that builds its engine itself, first thing on its own thread ({@code build} may
     * wait: the events offered meanwhile are queued, judged once it has returned).
     */
    DetectorThread(int capacity, Supplier<DetectionEngine> build, Consumer<List<SecurityEvent>> alerts) {
        this(capacity, (DetectionEngine) null, alerts, capacity >= 4096 ? LINGER_NANOS : 0);
        this.build = build;
    }

    /** @param lingerNanos see {@link #LINGER_NANOS}; 0: none (tests give others) */
    DetectorThread(int capacity, DetectionEngine engine, Consumer<List<SecurityEvent>> alerts, long lingerNanos) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.lingerNanos = lingerNanos;
        this.paces = lingerNanos > 0;
        this.engine = new AtomicReference<>(engine);
        this.alerts = alerts;
        this.thread = new Thread(this, "edgesec-detector");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean offer(SecurityEvent e) {
        if (!JUDGED.contains(e.name())) {
            return true;
        }
        if (stampNext) { // the first event of a burst (once per burst: a volatile read per event otherwise)
            stampNext = false;
            firstArrival = System.nanoTime();
        }
        // a process start's fields read here, while the event is in this core's cache (see ReadAhead)
        if (!running || !queue.offer(ReadAhead.of(e))) {
            return false;
        }
        if (lingering && queue.size() >= BATCH - 1) { // with the one the thread holds, a full batch
            lingering = false;
            LockSupport.unpark(thread); // a full batch: judge it now, not at the end of the linger
        }
        return true;
    }

    /** Runs {@code change} on the detector thread between two events (a new configuration). */
    void change(Runnable change) {
        pendingChange = change;
        queue.offer(WAKE); // full: the thread is busy anyway and sees the change before its next event
        LockSupport.unpark(thread); // out of a linger
    }

    /** @return the engine, or null if the thread never built it (stopped before it ran) */
    DetectionEngine engine() {
        return engine.get();
    }

    void engine(DetectionEngine e) {
        engine.set(e);
    }

    /** The loop's state, in fields so that its body can be a method of its own ({@link #step}). */
    private long nextTick;
    /** True while the thread wakes once a second for {@link DetectionEngine#tick}. */
    private boolean ticking;
    private final List<ReadAhead> batch = new ArrayList<>(BATCH);
    /**
     * True when the queue was empty after the last batch (and at start): the next event then
     * starts a new batch, which lingers (see {@link #linger}); false while a flood keeps it full.
     */
    private boolean drained = true;
    /** True after a batch that judged events, with pacing on: the next wait is {@link #pace}. */
    private boolean pacing;
    /** The first arrivals of the last two bursts judged (see {@link #firstArrival}), or NO_TIME. */
    private long burst = NO_TIME;
    private long previousBurst = NO_TIME;

    /**
     * Judges events as they come; ticks once a second while the engine has something a tick
     * could raise (a range window, a fold with repeats, an IOTA-031 waiting for its grace
     * period), so those close on time without a further event; otherwise sleeps until the next
     * event (no timed wake-up at all when idle).
     */
    @Override
    public void run() {
        if (build != null) {
            engine.set(build.get());
        }
        nextTick = System.nanoTime() + TICK_NANOS;
        ticking = true; // until the first tick has looked at the restored state
        while (running || !queue.isEmpty()) {
            try {
                step();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | StackOverflowError ex) {
                LOG.log(Level.WARNING, "detector: an event could not be judged; continuing", ex);
            }
        }
    }

    /**
     * One turn of the loop: a pending change, one wait for events, their batch, a due tick, the
     * linger. Its own method, not the body of {@link #run}'s loop: run() is entered once, so its
     * loop stays in the interpreter until an on-stack replacement after tens of thousands of
     * turns (never, at a few turns a second); in an agent under 1,000 execs a second, profiled
     * with perf, run()'s interpreted frame was a ninth of the detector thread's CPU. A method
     * called per turn is compiled like any other.
     */
    private void step() throws InterruptedException {
        Runnable c = pendingChange;
        if (c != null) {
            pendingChange = null;
            c.run();
            ticking = true; // a new configuration may open windows (a range)
        }
        // the first event after an empty queue, then a linger before judging it: the collectors hand
        // over events a few at a time (the audit log is read every 200 ms and its records offered one by
        // one as they are parsed), and a thread that judged the first of them at once judged a tiny
        // batch, then lingered for the rest: two wake-ups and two cold batches per read instead of one
        ReadAhead e = queue.poll();
        boolean gathered = false;
        if (e == null && pacing) {
            gathered = pace();
            e = queue.poll();
            pacing = e != null;
        }
        if (e == null) {
            if (ticking) {
                long wait = nextTick - System.nanoTime();
                e = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : null;
            } else {
                e = queue.take();
            }
        }
        boolean judged = false;
        if (e != null) {
            if (drained && !gathered && e != WAKE) {
                linger();
            }
            batch.add(e);
            queue.drainTo(batch, BATCH - 1); // one lock for many events
            long first = firstArrival;
            if (first != burst) {
                previousBurst = burst;
                burst = first;
            }
            try {
                judged = judge(batch);
            } finally {
                batch.clear();
                drained = queue.isEmpty();
                if (drained) {
                    stampNext = true;
                }
            }
            if (judged && !ticking) {
                ticking = true;
                nextTick = System.nanoTime() + TICK_NANOS;
            }
            pacing = judged && paces;
        }
        long now = System.nanoTime();
        if (ticking && now - nextTick >= 0) {
            nextTick = now + TICK_NANOS;
            DetectionEngine en = engine.get();
            emit(en.tick(Instant.now()));
            ticking = !en.idle() || !queue.isEmpty();
        }
    }

    /**
     * Lets the events that follow a first one gather before the batch is judged (see
     * {@link #LINGER_NANOS}). Only for the first event after the queue was found empty, and never
     * for a WAKE (a change, a stop): events still queued after a batch (a flood) are judged at once. change() and
     * stop() unpark a lingering thread, and so does an offer that completes a batch; lingering is
     * set before the queue is looked at, so such an offer either sees it or was counted in the size.
     */
    private void linger() throws InterruptedException {
        if (lingerNanos <= 0 || !running || pendingChange != null) {
            return;
        }
        lingering = true;
        if (queue.size() < BATCH - 1) {
            lingered++;
            LockSupport.parkNanos(this, lingerNanos);
        }
        lingering = false;
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /**
     * Sleeps after a judged batch while events flow, until the next burst is expected to have
     * come (see {@link #PACE_MIN_NANOS}), unwoken by single offers (a full batch, a change or a
     * stop end it at once, as they end a {@link #linger}).
     *
     * @return true if events gathered meanwhile (counted as a linger: they are judged as one batch
     *         without a further one)
     */
    private boolean pace() throws InterruptedException {
        if (!running || pendingChange != null) {
            return false;
        }
        long sleep = pauseUntilNextBurst(System.nanoTime());
        lingering = true;
        if (sleep > 0 && queue.size() < BATCH - 1) {
            LockSupport.parkNanos(this, sleep);
        }
        lingering = false;
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (queue.isEmpty() || pendingChange != null || !running) {
            return false; // nothing came, or a change's or a stop's wake-up ended the sleep: no events gathered
        }
        lingered++;
        return true;
    }

    /**
     * @return how long to sleep from {@code now} until {@link #PACE_MARGIN_NANOS} after the next
     *         burst's expected start: the last burst's start plus the period between the last two
     *         (within the bounds; the maximum while no period is known)
     */
    private long pauseUntilNextBurst(long now) {
        return pauseUntilNextBurst(now, burst, previousBurst);
    }

    /** {@link #pauseUntilNextBurst(long)} with the bursts' starts given (NO_TIME: none). */
    static long pauseUntilNextBurst(long now, long burst, long previousBurst) {
        long period = PACE_MAX_NANOS;
        if (burst != NO_TIME && previousBurst != NO_TIME) {
            period = Math.min(PACE_MAX_NANOS, Math.max(PACE_MIN_NANOS, burst - previousBurst));
        }
        long base = burst == NO_TIME || now - burst > PACE_MAX_NANOS ? now : burst;
        return Math.min(PACE_MAX_NANOS + PACE_MARGIN_NANOS, base + period + PACE_MARGIN_NANOS - now);
    }

    /**
     * @return true if the batch held an event to judge (not only wake-ups). Its own method, not
     *         a loop in {@link #run}: run() is entered once, so its loops run in the interpreter
     *         until an on-stack replacement after tens of thousands of iterations (minutes at
     *         1,000 events a second: a sixth of the thread's CPU in the agent under an exec
     *         load); a method called per batch is compiled as any other.
     */
    private boolean judge(List<ReadAhead> batch) {
        DetectionEngine en = engine.get();
        int read = 0;
        for (int i = 0, n = batch.size(); i < n; i++) {
            read += batch.get(i).prefetch(); // the batch's misses at once, not one event's at a time
        }
        prefetched = read;
        boolean judged = false;
        for (int i = 0, n = batch.size(); i < n; i++) {
            ReadAhead x = batch.get(i);
            if (x != WAKE) {
                judge(en, x);
                judged = true;
            }
        }
        return judged;
    }

    /** What {@link ReadAhead#prefetch} read, kept so that its reads are made. */
    private int prefetched;

    private void judge(DetectionEngine en, ReadAhead e) {
        try {
            emit(en.detect(e));
        } catch (RuntimeException | StackOverflowError ex) {
            // one bad event (a pathological pattern, a bug) must not end detection, nor cost the rest of its batch
            LOG.log(Level.WARNING, "detector: an event could not be judged; continuing", ex);
        }
    }

    private void emit(List<SecurityEvent> out) {
        if (!out.isEmpty()) {
            alerts.accept(out);
        }
    }

    /** Stops taking events, judges those already queued, then returns. */
    void stop(long timeoutMillis) {
        running = false;
        queue.offer(WAKE); // out of take(); a full queue has the thread awake already
        LockSupport.unpark(thread); // out of a linger
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }

    /** @return how many times the thread let events gather after a batch (tests) */
    long lingered() {
        return lingered;
    }

    int queued() {
        return queue.size();
    }

    /** @return the thread's state (tests: WAITING, with no timed wake-up, when idle) */
    Thread.State state() {
        return thread.getState();
    }
}
