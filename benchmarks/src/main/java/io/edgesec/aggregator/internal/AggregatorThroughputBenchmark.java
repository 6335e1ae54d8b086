package io.edgesec.aggregator.internal;

import io.edgesec.aggregator.internal.aggregation.EventAggregation;
import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.intake.EventIntake;
import io.edgesec.aggregator.internal.journal.EventJournal;
import io.edgesec.aggregator.internal.journal.Spool;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.aggregator.internal.report.Statistics;
import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.SecurityMessage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Events per second through the whole path of the agent, on the calling thread: a collector
 * builds the event ({@link Workload}), {@link EventIntake#accept} routes it (priorities,
 * aggregation) into {@link EventQueues}; messages are taken as {@code MessageSender} takes them
 * (at {@code maxMessageSizeInBytes} 204800, when a message's worth is queued and when a cycle is
 * due), serialized to UTF-8 as the file transport does, and released.
 *
 * <p>One operation is one event. Each invocation offers {@value #EVENTS} events; with
 * aggregation on, the aggregation window then closes ({@link EventAggregation#flushAll}) and
 * its aggregates are queued; finally both queues are drained, so every invocation ends empty
 * and the measured work includes building and serializing every message.
 *
 * <p>The JMH score is events per second of wall time. On a shared machine that also counts the
 * time the benchmark thread waited for a core, so the trial also prints events per CPU-second
 * of the benchmark thread over the measurement iterations ({@code ThreadMXBean}; excludes GC
 * and JIT threads): the throughput of one core that the agent had to itself.
 *
 * <p>Nothing may be dropped (the cache budget is the default 2,560,000 bytes): the trial fails
 * if anything was, because a dropped event would be cheaper than a sent one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m"})
public class AggregatorThroughputBenchmark {
    static final int EVENTS = 10_000;
    /** How often (in events) the "a message's worth is queued" check runs, as the tick would. */
    static final int FULL_CHECK_MASK = 63;
    static final String AGENT_VERSION = "0.1.0";

    @Param({"on", "off"})
    public String aggregation;

    /** "on": every accepted event and aggregation hit is journaled to disk first, as with durableQueue. */
    @Param({"off", "on"})
    public String spool;

    private java.nio.file.Path spoolDir;
    private Spool journal;

    private Settings settings;
    private EventQueues queues;
    private EventAggregation aggregationBuffer;
    private EventIntake intake;
    private Statistics statistics;
    private Workload workload;
    private long eventsIn;
    private long messages;
    private long messageBytes;
    private long oversized;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long iterationCpuStart;
    private long iterationEventsStart;
    private long measuredCpuNanos;
    private long measuredEvents;

    @Setup(Level.Trial)
    public void setUp() {
        settings = BenchConfig.settings("on".equals(aggregation));
        int room = settings.maxMessageBytes - SecurityMessage.envelopeOverhead(AGENT_VERSION, settings.agentId) + 1;
        queues = new EventQueues(settings.maxCacheBytes, room);
        aggregationBuffer = new EventAggregation(10_000);
        statistics = new Statistics();
        intake = new EventIntake(settings, queues, aggregationBuffer, statistics, List::of);
        workload = new Workload(42);
        if ("on".equals(spool)) {
            try {
                spoolDir = java.nio.file.Files.createTempDirectory("edgesec-bench-spool");
                EventJournal.Recovery[] r = new EventJournal.Recovery[1];
                journal = new Spool(EventJournal.open(spoolDir, r), msg -> {
                    throw new IllegalStateException(msg);
                });
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            queues.spool(journal);
            aggregationBuffer.spool(journal);
        }
    }

    @Setup(Level.Iteration)
    public void beforeIteration() {
        iterationCpuStart = threads.getCurrentThreadCpuTime();
        iterationEventsStart = eventsIn;
    }

    @TearDown(Level.Iteration)
    public void afterIteration(IterationParams iteration) {
        if (iteration.getType() == IterationType.MEASUREMENT) {
            measuredCpuNanos += threads.getCurrentThreadCpuTime() - iterationCpuStart;
            measuredEvents += eventsIn - iterationEventsStart;
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void pipeline(Blackhole bh) {
        for (int i = 0; i < EVENTS; i++) {
            intake.accept(workload.next());
            if ((i & FULL_CHECK_MASK) == FULL_CHECK_MASK && queues.queuedBytes() >= settings.maxMessageBytes) {
                // MessageSender, woken because a message's worth is queued: High, then Low while full
                drain(QueueKind.HIGH, false, bh);
                drain(QueueKind.LOW, true, bh);
            }
        }
        eventsIn += EVENTS;
        for (SecurityEvent e : aggregationBuffer.flushAll()) { // the aggregation window closes
            intake.offer(settings, e);
        }
        aggregationBuffer.confirmQueued();
        if (journal != null && journal.size() > Math.max(4L * settings.maxCacheBytes, 4L << 20)) {
            journal.compact(queues.snapshot(), aggregationBuffer.partials()); // as the aggregator's tick does
        }
        drain(QueueKind.HIGH, false, bh); // the High and Low cycles are due
        drain(QueueKind.LOW, false, bh);
    }

    /** As MessageSender.drain and sendBatch, with the file transport's UTF-8 encoding as the send. */
    private void drain(QueueKind kind, boolean onlyWhileFull, Blackhole bh) {
        int room = settings.maxMessageBytes - SecurityMessage.envelopeOverhead(AGENT_VERSION, settings.agentId) + 1;
        while (true) {
            if (onlyWhileFull && queues.queuedBytes() < settings.maxMessageBytes) {
                return;
            }
            EventQueues.Batch batch = queues.take(kind, room);
            if (batch.isEmpty()) {
                return;
            }
            Priority priority = kind == QueueKind.LOW ? Priority.LOW : Priority.HIGH;
            SecurityMessage m = new SecurityMessage(AGENT_VERSION, settings.agentId, batch.events, priority);
            byte[] utf8 = m.toUtf8();
            bh.consume(utf8);
            queues.delivered(batch);
            int bytes = 0;
            for (SecurityEvent ev : batch.events) {
                bytes += ev.utf8Size() + 1;
            }
            statistics.messageSent(bytes - 1 + SecurityMessage.envelopeOverhead(AGENT_VERSION, settings.agentId),
                    batch.events.size());
            messages++;
            messageBytes += utf8.length;
            if (utf8.length > settings.maxMessageBytes) {
                oversized++;
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws java.io.IOException {
        if (journal != null) {
            journal.close();
            try (var files = java.nio.file.Files.list(spoolDir)) {
                for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                    java.nio.file.Files.delete(f);
                }
            }
            java.nio.file.Files.delete(spoolDir);
        }
        long[][] counters = queues.countersAndReset();
        long dropped = 0;
        for (long[] c : counters) {
            dropped += c[1];
        }
        System.out.printf("%n[pipeline aggregation=%s spool=" + spool + "] events offered %d, messages %d, events sent %d "
                + "(%.3f per event offered), mean message %.0f bytes, oversized %d, dropped %d%n",
                aggregation, eventsIn, messages, statistics.eventsDelivered.get(),
                eventsIn == 0 ? 0.0 : statistics.eventsDelivered.get() / (double) eventsIn,
                messages == 0 ? 0.0 : messageBytes / (double) messages, oversized, dropped);
        System.out.printf("[pipeline aggregation=%s] cpu-normalized: %.0f events per CPU-second of the benchmark thread "
                + "(%d events in %.3f s CPU over the measurement iterations)%n", aggregation,
                measuredCpuNanos == 0 ? 0.0 : measuredEvents * 1e9 / measuredCpuNanos, measuredEvents, measuredCpuNanos / 1e9);
        if (dropped > 0 || oversized > 0 || !queues.isEmpty()) {
            throw new IllegalStateException("the benchmark did not measure what it claims: dropped " + dropped
                    + ", oversized " + oversized + ", queues empty " + queues.isEmpty());
        }
    }
}
