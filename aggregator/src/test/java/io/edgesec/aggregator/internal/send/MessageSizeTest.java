package io.edgesec.aggregator.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.aggregator.internal.Events;
import io.edgesec.aggregator.internal.TestConfig;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.aggregator.internal.wire.WireSchema;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.SecurityMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Property-style: messages built from take() never exceed maxMessageSizeInBytes of UTF-8. */
class MessageSizeTest {
    private static final String[] PIECES = {"a", "Z", " ", "\u00e9", "\u00df", "\u20ac", "\u4e2d", "\uD83D\uDE00",
        "\uD83C\uDDE9\uD83C\uDDEA", "\"", "\\", "\n", "\t", "\u0001", "\ud800", "\u2028", "/"};

    private static String randomText(Random r, int maxPieces) {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(maxPieces); n > 0; n--) {
            sb.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static SecurityEvent randomEvent(Random r) {
        String name = r.nextInt(5) == 0 ? EventNames.CONTAINER_EVENT : EventNames.PROCESS_CREATE;
        SecurityEvent.Builder b = SecurityEvent.builder(name);
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            b.payload(Events.map("Executable", randomText(r, 10), "CommandLine", randomText(r, r.nextInt(10) == 0 ? 3000 : 300),
                    "UserId", "0", "ProcessId", r.nextInt(), "ParentProcessId", 1));
        }
        return b.build();
    }

    @Test
    void messagesFromTakeNeverExceedTheMaximum() {
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            int max = 8192 + r.nextInt(4) * 4096;
            String version = r.nextBoolean() ? "0.1.0" : "0.1.0-\u00e9\u20ac";
            int room = max - SecurityMessage.envelopeOverhead(version, TestConfig.AGENT_ID) + 1;
            EventQueues q = new EventQueues(10_000_000, room);
            List<SecurityEvent> offered = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                SecurityEvent e = randomEvent(r);
                QueueKind k = r.nextBoolean() ? QueueKind.HIGH : QueueKind.LOW;
                boolean fits = e.utf8Size() + SecurityMessage.envelopeOverhead(version, TestConfig.AGENT_ID) <= max;
                assertEquals(fits, q.offer(k, e), "an event is refused exactly when a message of it alone would be too big");
                if (fits) {
                    offered.add(e);
                }
            }
            int sent = 0;
            while (!q.isEmpty()) {
                EventQueues.Batch b = q.take(r.nextBoolean() ? QueueKind.HIGH : QueueKind.LOW, room);
                if (b.isEmpty()) {
                    continue;
                }
                SecurityMessage m = new SecurityMessage(version, TestConfig.AGENT_ID, b.events, Priority.HIGH);
                byte[] utf8 = m.toJson().getBytes(StandardCharsets.UTF_8);
                assertTrue(utf8.length <= max, "seed " + seed + ": " + utf8.length + " > " + max);
                long predicted = SecurityMessage.envelopeOverhead(version, TestConfig.AGENT_ID) - 1;
                for (SecurityEvent e : b.events) {
                    predicted += EventQueues.cost(e);
                    assertEquals(b.azure, WireSchema.isAzure(e));
                }
                assertEquals(predicted, utf8.length, "the accounting is exact");
                sent += b.events.size();
                q.delivered(b);
            }
            assertEquals(offered.size(), sent);
            assertEquals(0, q.queuedBytes());
        }
    }

    @Test
    void takeFillsAsFarAsTheNextEventAllows() {
        Random r = new Random(99);
        int max = 8192;
        int overhead = SecurityMessage.envelopeOverhead("1", TestConfig.AGENT_ID);
        int room = max - overhead + 1;
        EventQueues q = new EventQueues(10_000_000, room);
        for (int i = 0; i < 400; i++) {
            SecurityEvent e = Events.sized(randomText(r, 400));
            q.offer(QueueKind.LOW, e);
        }
        while (!q.isEmpty()) {
            EventQueues.Batch b = q.take(QueueKind.LOW, room);
            int size = new SecurityMessage("1", TestConfig.AGENT_ID, b.events, Priority.LOW).toUtf8().length;
            assertTrue(size <= max);
            EventQueues.Batch next = q.take(QueueKind.LOW, room);
            if (!next.isEmpty()) {
                // the event left behind would have pushed the message over the maximum
                assertTrue(size + 1 + next.events.get(0).utf8Size() > max, size + " + " + next.events.get(0).utf8Size());
                q.returned(next);
            }
            q.delivered(b);
        }
    }

    @Test
    void anEventThatExactlyFillsAMessageIsSentAlone() {
        int max = 8192;
        int overhead = SecurityMessage.envelopeOverhead("1", TestConfig.AGENT_ID);
        int room = max - overhead + 1;
        SecurityEvent probe = Events.sized("");
        SecurityEvent exact = Events.sized("\u20ac".repeat((max - overhead - probe.utf8Size()) / 3)
                + "x".repeat((max - overhead - probe.utf8Size()) % 3));
        assertEquals(max, overhead + exact.utf8Size());
        SecurityEvent oneMore = Events.sized(((String) exact.payload().get(0).get("CommandLine")) + "x");
        EventQueues q = new EventQueues(1_000_000, room);
        assertFalse(q.offer(QueueKind.LOW, oneMore));
        assertTrue(q.offer(QueueKind.LOW, exact));
        EventQueues.Batch b = q.take(QueueKind.LOW, room);
        assertEquals(1, b.events.size());
        assertEquals(max, new SecurityMessage("1", TestConfig.AGENT_ID, b.events, Priority.LOW).toUtf8().length);
    }
}
