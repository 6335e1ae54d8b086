package io.edgesec.aggregator.internal;

import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.SecurityMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link SecurityEvent} JSON serialization alone, per event kind, and the pieces around it.
 *
 * <ul>
 * <li>{@code serialize}: what {@code toJson()} does for an event whose JSON is not cached yet
 * (events are built in set-up; {@code writeJson} never fills the cache, so each call does the
 * whole work).
 * <li>{@code utf8Size}: serialize plus counting its UTF-8 bytes, i.e. what the queues pay per
 * event on {@code offer} ({@code EventQueues.cost}).
 * <li>{@code build}: building a new event as a collector does (payload maps, random UUID), for
 * comparison: not serialization.
 * <li>{@code message}: one message's envelope around already-serialized events, to UTF-8 bytes,
 * as the file transport sends it; one operation is one message of about 200 KB.
 * </ul>
 * One operation is one event except for {@code message}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m"})
public class EventSerializationBenchmark {
    private static final int POOL = 1024;

    @Param({"ProcessCreate", "ConnectionCreate", "ListeningPorts"})
    public String kind;

    private SecurityEvent[] events;
    private int next;
    private Workload workload;
    private SecurityMessage message;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new Workload(7);
        events = new SecurityEvent[POOL];
        for (int i = 0; i < POOL; i++) {
            events[i] = workload.next(kind);
        }
        // a full message of this kind, events' JSON cached as they are after EventQueues.offer
        List<SecurityEvent> batch = new ArrayList<>();
        Workload w = new Workload(8);
        int room = 204800 - SecurityMessage.envelopeOverhead("0.1.0", BenchConfig.AGENT_ID) + 1;
        while (true) {
            SecurityEvent e = w.next(kind);
            int cost = e.utf8Size() + 1;
            if (cost > room) {
                break;
            }
            room -= cost;
            batch.add(e);
        }
        message = new SecurityMessage("0.1.0", BenchConfig.AGENT_ID, batch, Priority.LOW);
        System.out.printf("%n[message %s] %d events, %d bytes%n", kind, batch.size(), message.toUtf8().length);
    }

    private SecurityEvent nextEvent() {
        SecurityEvent e = events[next];
        next = (next + 1) & (POOL - 1);
        return e;
    }

    @Benchmark
    public String serialize() {
        StringBuilder sb = new StringBuilder(256); // as SecurityEvent.toJson
        nextEvent().writeJson(sb);
        return sb.toString();
    }

    @Benchmark
    public int utf8Size() {
        StringBuilder sb = new StringBuilder(256);
        nextEvent().writeJson(sb);
        return SecurityEvent.utf8Length(sb.toString()) + 1;
    }

    @Benchmark
    public SecurityEvent build() {
        return workload.next(kind);
    }

    @Benchmark
    public byte[] message() {
        return message.toJson().getBytes(StandardCharsets.UTF_8);
    }
}
