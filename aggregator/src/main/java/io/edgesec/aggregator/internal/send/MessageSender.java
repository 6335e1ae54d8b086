package io.edgesec.aggregator.internal.send;

import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.aggregator.internal.report.Statistics;
import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityMessage;
import io.edgesec.api.transport.MessageTransport;
import io.edgesec.support.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds messages from the queues and hands them to the transport, on its own thread.
 *
 * <ul>
 * <li>High: the first message as soon as a High event is queued (start-up need not wait a whole
 * period for it), then every {@code highPriorityMessageFrequency}, and at once when the queued
 * events fill a message; Low: every {@code lowPriorityMessageFrequency}. When due, a queue is drained (as
 * many messages as it takes), not sent one message per period as the Azure agents did.
 * <li>A message's events leave the queue only when {@link MessageTransport#send} returns; a
 * failed send puts them back at the head and retries with exponential back-off.
 * <li>A send is bounded by {@code sendTimeout} ({@link BoundedSend}): a transport that does not
 * return in time counts as a failed send (health, metrics, back-off) with its events back in the
 * queue and the journal, retried like any failure; should the hung call deliver after all, those
 * events go out twice (at least once, never lost).
 * <li>Message size is measured exactly: UTF-8 bytes of the serialized envelope.
 * </ul>
 */
public final class MessageSender implements Runnable {
    private static final Logger LOG = Logger.getLogger(MessageSender.class.getName());
    /** The back-off after failed sends: 1 s, 2 s, 4 s ... up to a minute. */
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofMinutes(1);

    private final EventQueues queues;
    private final Statistics statistics;
    private final Supplier<MessageTransport> transport;
    private final Supplier<Settings> settings;
    private final String agentVersion;
    private final BoundedSend bounded = new BoundedSend();
    private final Object lock = new Object();
    private volatile boolean running = true;
    /** Set by {@link #stopAndFlush}: the thread's last act is a flush until then. */
    private volatile Instant flushDeadline;
    private volatile boolean flushedEmpty;
    private boolean wake;
    /** null until the first High message: that one goes as soon as a High event is queued. */
    /** When High was last due and drained; volatile for tests that wait for the first pass to end. */
    private volatile Instant lastHigh;
    private Instant lastLow = Instant.now();
    private int consecutiveFailures;
    /** Run once, after the first message was delivered (null: nothing to tell, or told). */
    private volatile Runnable onFirstSent;
    /** Set by sendQueuedNow: one send of everything queued at the next look. */
    private volatile boolean sendQueuedOnce;

    public MessageSender(EventQueues queues, Statistics statistics, Supplier<MessageTransport> transport,
            Supplier<Settings> settings, String agentVersion) {
        this.queues = queues;
        this.statistics = statistics;
        this.transport = transport;
        this.settings = settings;
        this.agentVersion = agentVersion;
    }

    public String agentVersion() {
        return agentVersion;
    }

    /**
     * The bytes the events of one message may take: the message limit minus the envelope, plus
     * one because the last event has no separating comma (EventQueues counts one per event).
     */
    public static int room(Settings s, String agentVersion) {
        return s.maxMessageBytes - SecurityMessage.envelopeOverhead(agentVersion, s.agentId) + 1;
    }

    /**
     * {@code r} runs once, on the sender's thread, right after the first message a transport
     * accepted (start-up: the launcher starts the bundles the first message does not need then).
     */
    public void onFirstSent(Runnable r) {
        onFirstSent = r;
    }

    /**
     * Sends everything queued once, now, outside the schedule (High, then Low): at start-up, the
     * collectors' first snapshots held back until the first message was out
     * (PeriodicCollectors.firstRunsOneAtATime) go as soon as they are all in.
     */
    public void sendQueuedNow() {
        sendQueuedOnce = true;
        wakeUp();
    }

    /** Re-evaluates what is due now (new transport, new configuration, new events). */
    public void wakeUp() {
        synchronized (lock) {
            wake = true;
            lock.notifyAll();
        }
    }

    void stop() {
        running = false;
        wakeUp();
    }

    /** Ends the idle transport-call threads (after the last flush). */
    public void close() {
        bounded.close();
    }

    /** @return when High was last drained as due, or null before the first High message (tests) */
    Instant lastHighSent() {
        return lastHigh;
    }

    /** @return sends that timed out and still run (tests) */
    int hungSends() {
        return bounded.hung();
    }

    /**
     * Stops the schedule; the sender thread then sends everything queued until {@code deadline}
     * (on its own thread, so that a send the hub does not answer can be cut short by
     * interrupting it: its events go back to the queue and the journal keeps them).
     */
    public void stopAndFlush(Instant deadline) {
        flushDeadline = deadline;
        stop();
    }

    /** @return whether the flush of {@link #stopAndFlush} left the queues empty */
    public boolean flushedEmpty() {
        return flushedEmpty;
    }

    @Override
    public void run() {
        loop();
        Instant deadline = flushDeadline;
        if (deadline != null && !Thread.currentThread().isInterrupted()) {
            flushedEmpty = flush(deadline);
        }
    }

    private void loop() {
        while (running) {
            long waitMs;
            try {
                waitMs = sendWhatIsDue(Instant.now());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "message sender: unexpected error; continuing", e);
                waitMs = 1000;
            }
            synchronized (lock) {
                if (!wake && running && waitMs > 0) {
                    try {
                        lock.wait(waitMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                wake = false;
            }
        }
    }

    /** @return how long to wait before looking again, in ms */
    long sendWhatIsDue(Instant now) {
        Settings s = settings.get();
        MessageTransport t = transport.get();
        if (t == null) {
            return 1000; // events stay queued until a transport appears
        }
        if (sendQueuedOnce) {
            sendQueuedOnce = false; // a failed send leaves its events to the schedule
            if (!drain(t, s, QueueKind.HIGH, false) || !drain(t, s, QueueKind.LOW, false)) {
                return backoff();
            }
        }
        boolean highDue = lastHigh == null ? queues.size(QueueKind.HIGH) > 0 : !now.isBefore(lastHigh.plus(s.highFrequency));
        boolean lowDue = !now.isBefore(lastLow.plus(s.lowFrequency));
        boolean full = queues.queuedBytes() >= s.maxMessageBytes;
        if (highDue || full) {
            if (!drain(t, s, QueueKind.HIGH, false)) {
                return backoff();
            }
            if (highDue) {
                lastHigh = now;
            }
        }
        if (full && queues.queuedBytes() >= s.maxMessageBytes) {
            // only Low left and a message's worth of it: a full message is worth sending now
            if (!drain(t, s, QueueKind.LOW, true)) {
                return backoff();
            }
        }
        if (lowDue) {
            if (!drain(t, s, QueueKind.LOW, false)) {
                return backoff();
            }
            lastLow = now;
        }
        consecutiveFailures = 0;
        // before the first High message: the first High event wakes us (EventQueues.onFirstHigh)
        Instant next = lastHigh == null ? null : lastHigh.plus(s.highFrequency);
        Instant nextLow = lastLow.plus(s.lowFrequency);
        if (next == null || nextLow.isBefore(next)) {
            next = nextLow;
        }
        long ms = Duration.between(Instant.now(), next).toMillis();
        return Math.max(50, Math.min(ms, 1000)); // re-check at least every second for "full"
    }

    /**
     * Sends messages preferring {@code kind} until nothing is left for it (or, when
     * {@code onlyWhileFull}, until less than a message's worth is queued).
     *
     * @return false if a send failed (its events are back in the queue)
     */
    private boolean drain(MessageTransport t, Settings s, QueueKind kind, boolean onlyWhileFull) {
        int room = room(s, agentVersion);
        while (running || !onlyWhileFull) {
            if (onlyWhileFull && queues.queuedBytes() < s.maxMessageBytes) {
                return true;
            }
            EventQueues.Batch batch = queues.take(kind, room);
            if (batch.isEmpty()) {
                return true;
            }
            if (!sendBatch(t, s, kind, batch, s.sendTimeout)) {
                return false;
            }
        }
        return true;
    }

    private boolean sendBatch(MessageTransport t, Settings s, QueueKind kind, EventQueues.Batch batch, Duration timeout) {
        Priority priority = kind == QueueKind.LOW ? Priority.LOW : Priority.HIGH;
        SecurityMessage m = new SecurityMessage(agentVersion, s.agentId, batch.events, priority);
        try {
            bounded.send(t, m, timeout);
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // the stop gave up on this send: no flush after it
            }
            queues.returned(batch);
            statistics.totalFailed.incrementAndGet();
            if (e instanceof java.util.concurrent.TimeoutException) {
                statistics.health.sendTimedOut();
            }
            // the exception's type only: a transport's message may name its endpoint or identity
            statistics.health.sendFailed(e.getClass().getSimpleName(), Instant.now());
            consecutiveFailures++;
            LOG.log(Level.WARNING, "sending a message of " + batch.events.size() + " events failed (attempt "
                    + consecutiveFailures + "); kept queued: " + e);
            return false;
        }
        queues.delivered(batch);
        int bytes = 0;
        for (var ev : batch.events) {
            bytes += ev.utf8Size() + 1;
        }
        statistics.messageSent(bytes - 1 + SecurityMessage.envelopeOverhead(agentVersion, s.agentId), batch.events.size());
        Runnable first = onFirstSent;
        if (first != null) {
            onFirstSent = null;
            try {
                first.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "after the first message: " + e, e);
            }
        }
        return true;
    }

    private long backoff() {
        return Backoff.exponential(FIRST_RETRY, MAX_RETRY, consecutiveFailures).toMillis();
    }

    /**
     * Sends everything queued, regardless of schedule, until empty, a failure or the deadline.
     *
     * @return true if the queues are empty afterwards
     */
    boolean flush(Instant deadline) {
        Settings s = settings.get();
        MessageTransport t = transport.get();
        if (t == null) {
            return queues.isEmpty();
        }
        int room = room(s, agentVersion);
        for (QueueKind kind : new QueueKind[] {QueueKind.HIGH, QueueKind.LOW, QueueKind.OPERATIONAL}) {
            while (Instant.now().isBefore(deadline)) {
                EventQueues.Batch batch = queues.take(kind, room);
                if (batch.isEmpty()) {
                    break;
                }
                // the shutdown's deadline bounds each send too
                Duration left = Duration.between(Instant.now(), deadline);
                if (!sendBatch(t, s, kind, batch, left.compareTo(s.sendTimeout) < 0 ? left : s.sendTimeout)) {
                    return false;
                }
            }
        }
        return queues.isEmpty();
    }
}
