package io.edgesec.aggregator.internal;

import io.edgesec.api.event.LegacyEventText;
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
 * {@link SecurityEvent} JSON serialization alone, per event kind, the hand-written writer of
 * agent-api 1.3.0 ({@code Old}: {@link LegacyEventText}, frozen in agent-api's tests) against the Jackson
 * {@code JsonGenerator} writer that replaced it ({@code New}) in the same JMH run, so that their
 * ratio is measured under the same load.
 *
 * <ul>
 * <li>{@code serialize}: an event's first serialization (events are built in set-up and never
 * cache here): old, its JSON text, as {@code toJson()} made it; new, its UTF-8 bytes, as
 * {@code toUtf8()}/{@code utf8Size()} make them.
 * <li>{@code utf8Size}: what the queues pay per event on {@code offer} ({@code EventQueues.cost}):
 * old, serialize plus counting the UTF-8 bytes of the text; new, serialize (the size is the
 * length).
 * <li>{@code build}: building a new event as a collector does (payload maps, random UUID), for
 * comparison: not serialization.
 * <li>{@code message}: one message's envelope around already-serialized events, to UTF-8 bytes,
 * as the file transport sends it; one operation is one message of about 200 KB. Old: the text
 * around the events' cached text, encoded; new: {@code SecurityMessage.toUtf8()} around the
 * events' cached bytes.
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
    private String[] legacyEvents;
    private String legacyEnvelope;

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
        // the old message: the events' text as the old events cached it
        legacyEvents = batch.stream().map(LegacyEventText::event).toArray(String[]::new);
        String whole = LegacyEventText.message("0.1.0", BenchConfig.AGENT_ID, batch.subList(0, 1));
        legacyEnvelope = whole.substring(0, whole.length() - legacyEvents[0].length() - 2);
        if (!java.util.Arrays.equals(messageOld(), messageNew())) {
            throw new IllegalStateException("the old and the new writer disagree");
        }
        System.out.printf("%n[message %s] %d events, %d bytes%n", kind, batch.size(), message.toUtf8().length);
    }

    private SecurityEvent nextEvent() {
        SecurityEvent e = events[next];
        next = (next + 1) & (POOL - 1);
        return e;
    }

    @Benchmark
    public String serializeOld() {
        return LegacyEventText.event(nextEvent());
    }

    @Benchmark
    public byte[] serializeNew() {
        return EventJsonAccess.utf8(nextEvent());
    }

    @Benchmark
    public int utf8SizeOld() {
        return SecurityEvent.utf8Length(LegacyEventText.event(nextEvent())) + 1;
    }

    @Benchmark
    public int utf8SizeNew() {
        return EventJsonAccess.utf8(nextEvent()).length + 1;
    }

    @Benchmark
    public SecurityEvent build() {
        return workload.next(kind);
    }

    @Benchmark
    public byte[] messageOld() {
        StringBuilder sb = new StringBuilder(legacyEnvelope.length() + legacyEvents.length * 400);
        sb.append(legacyEnvelope);
        for (int i = 0; i < legacyEvents.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(legacyEvents[i]);
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public byte[] messageNew() {
        return message.toUtf8();
    }
}
