package io.edgesec.aggregator.internal.queue;

import static io.edgesec.aggregator.internal.queue.QueueKind.HIGH;
import static io.edgesec.aggregator.internal.queue.QueueKind.LOW;
import static io.edgesec.aggregator.internal.queue.QueueKind.OPERATIONAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.aggregator.internal.Events;
import io.edgesec.aggregator.internal.wire.WireSchema;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventQueuesTest {
    /** An Azure (ProcessCreate) event whose queue cost is exactly {@code cost} bytes. */
    static SecurityEvent ofCost(int cost, String tag) {
        return ofCost(EventNames.PROCESS_CREATE, cost, tag);
    }

    static SecurityEvent ofCost(String name, int cost, String tag) {
        SecurityEvent probe = SecurityEvent.builder(name).payload(Events.map("Tag", tag, "Pad", "")).build();
        int pad = cost - EventQueues.cost(probe);
        if (pad < 0) {
            throw new IllegalArgumentException("cost " + cost + " below the minimum " + EventQueues.cost(probe));
        }
        SecurityEvent e = SecurityEvent.builder(name).payload(Events.map("Tag", tag, "Pad", "x".repeat(pad))).build();
        assertEquals(cost, EventQueues.cost(e));
        return e;
    }

    static SecurityEvent operational(int cost, String tag) {
        SecurityEvent probe = SecurityEvent.builder(EventNames.MESSAGE_STATISTICS).type(EventType.OPERATIONAL)
                .payload(Events.map("Tag", tag, "Pad", "")).build();
        int pad = cost - EventQueues.cost(probe);
        return SecurityEvent.builder(EventNames.MESSAGE_STATISTICS).type(EventType.OPERATIONAL)
                .payload(Events.map("Tag", tag, "Pad", "x".repeat(pad))).build();
    }

    private static List<String> tags(List<SecurityEvent> events) {
        List<String> out = new ArrayList<>();
        for (SecurityEvent e : events) {
            out.add((String) e.payload().get(0).get("Tag"));
        }
        return out;
    }

    private static List<String> drain(EventQueues q, QueueKind kind) {
        List<String> out = new ArrayList<>();
        while (true) {
            EventQueues.Batch b = q.take(kind, Integer.MAX_VALUE);
            if (b.isEmpty()) {
                return out;
            }
            out.addAll(tags(b.events));
            q.delivered(b);
        }
    }

    @Test
    void costIsTheEventsUtf8SizePlusItsComma() {
        SecurityEvent e = Events.processCreate("caf\u00e9 \uD83D\uDE00");
        assertEquals(e.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1, EventQueues.cost(e));
    }

    @Test
    void mainQueuesGetNineTenthsOfTheBudget() {
        EventQueues q = new EventQueues(10_000, 5_000); // main 9000, operational 1000
        for (int i = 0; i < 9; i++) {
            assertTrue(q.offer(LOW, ofCost(1000, "L" + i)));
        }
        assertEquals(9000, q.queuedBytes());
        assertTrue(q.offer(LOW, ofCost(1000, "L9")), "accepted by evicting the oldest");
        assertEquals(9000, q.queuedBytes());
        assertEquals(9, q.size(LOW));
        long[][] c = q.countersAndReset();
        assertEquals(10, c[LOW.ordinal()][0]);
        assertEquals(1, c[LOW.ordinal()][1]);
        assertEquals(List.of("L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9"), drain(q, LOW));
    }

    @Test
    void budgetIsNeverExceededUnderRandomLoad() {
        java.util.Random r = new java.util.Random(3);
        EventQueues q = new EventQueues(50_000, 8_000);
        for (int i = 0; i < 3000; i++) {
            QueueKind k = QueueKind.values()[r.nextInt(3)];
            SecurityEvent e = k == OPERATIONAL ? operational(400 + r.nextInt(3000), "o" + i) : ofCost(400 + r.nextInt(9000), "e" + i);
            q.offer(k, e);
            assertTrue(q.queuedBytes(HIGH) + q.queuedBytes(LOW) <= 45_000);
            assertTrue(q.queuedBytes(OPERATIONAL) <= 5_000);
            if (r.nextInt(10) == 0) {
                EventQueues.Batch b = q.take(r.nextBoolean() ? HIGH : LOW, 8_000);
                if (r.nextBoolean()) {
                    q.delivered(b);
                } else {
                    q.returned(b);
                }
            }
        }
        long[][] c = q.countersAndReset();
        long collected = 0;
        for (long[] x : c) {
            collected += x[0];
        }
        assertEquals(3000, collected);
    }

    @Test
    void highEvictsOldestLowFirstThenOldestHigh() {
        EventQueues q = new EventQueues(10_000, 5_000); // main 9000
        q.offer(HIGH, ofCost(3000, "H1"));
        q.offer(LOW, ofCost(3000, "L1"));
        q.offer(LOW, ofCost(3000, "L2"));
        assertTrue(q.offer(HIGH, ofCost(3000, "H2")));
        assertEquals(List.of("L2"), tags(q.take(LOW, 3000).events), "L1, the oldest Low, went first");
        EventQueues q2 = new EventQueues(10_000, 5_000);
        q2.offer(HIGH, ofCost(4500, "H1"));
        q2.offer(HIGH, ofCost(4500, "H2"));
        assertTrue(q2.offer(HIGH, ofCost(4500, "H3")));
        assertEquals(List.of("H2", "H3"), drain(q2, HIGH));
        assertEquals(1, q2.countersAndReset()[HIGH.ordinal()][1]);
    }

    @Test
    void lowNeverEvictsHigh() {
        EventQueues q = new EventQueues(10_000, 5_000);
        q.offer(HIGH, ofCost(4500, "H1"));
        q.offer(HIGH, ofCost(4500, "H2"));
        assertFalse(q.offer(LOW, ofCost(400, "L1")));
        long[][] c = q.countersAndReset();
        assertEquals(1, c[LOW.ordinal()][1]);
        assertEquals(0, c[HIGH.ordinal()][1]);
        assertEquals(List.of("H1", "H2"), drain(q, HIGH));
    }

    @Test
    void anEventThatCannotFitEvenAfterEvictionEvictsNothing() {
        EventQueues q = new EventQueues(10_000, 9_000);
        q.offer(HIGH, ofCost(6000, "H1"));
        q.offer(LOW, ofCost(1000, "L1"));
        q.offer(LOW, ofCost(1000, "L2"));
        // 9000 main, 8000 used: a 4000 Low event fits only by evicting High, which it may not
        assertFalse(q.offer(LOW, ofCost(4000, "L3")));
        assertEquals(2, q.size(LOW), "the older Low events were not thrown away for nothing");
        long[][] c = q.countersAndReset();
        assertEquals(1, c[LOW.ordinal()][1]);
        // the same with an in-flight batch: in-flight High cannot be evicted either
        EventQueues q2 = new EventQueues(10_000, 9_000);
        q2.offer(HIGH, ofCost(6000, "H1"));
        EventQueues.Batch inFlight = q2.take(HIGH, 9_000);
        q2.offer(HIGH, ofCost(2000, "H2"));
        assertFalse(q2.offer(HIGH, ofCost(4000, "H3")));
        assertEquals(1, q2.size(HIGH), "H2 kept");
        q2.delivered(inFlight);
        assertEquals(2000, q2.queuedBytes());
    }

    @Test
    void operationalHasItsOwnTenth() {
        EventQueues q = new EventQueues(10_000, 5_000); // operational 1000
        assertTrue(q.offer(OPERATIONAL, operational(400, "O1")));
        assertTrue(q.offer(OPERATIONAL, operational(400, "O2")));
        assertTrue(q.offer(OPERATIONAL, operational(400, "O3")), "evicts the oldest operational");
        assertEquals(800, q.queuedBytes(OPERATIONAL));
        assertFalse(q.offer(OPERATIONAL, operational(1001, "big")));
        assertEquals(800, q.queuedBytes(OPERATIONAL), "nothing evicted for an event that cannot fit");
        // the main queues are not touched by operational pressure, nor can they use its share
        for (int i = 0; i < 9; i++) {
            assertTrue(q.offer(HIGH, ofCost(1000, "H" + i)));
        }
        assertFalse(q.offer(LOW, ofCost(1000, "L")));
        assertEquals(9000, q.queuedBytes(HIGH));
        long[][] c = q.countersAndReset();
        assertEquals(2, c[OPERATIONAL.ordinal()][1]);
        assertEquals(4, c[OPERATIONAL.ordinal()][0]);
    }

    @Test
    void oversizeEventsAreDroppedAndCountedOnTheirQueue() {
        EventQueues q = new EventQueues(100_000, 1_000);
        assertFalse(q.offer(HIGH, ofCost(1001, "big")));
        assertTrue(q.offer(HIGH, ofCost(1000, "fits")));
        assertFalse(q.offer(OPERATIONAL, operational(1001, "bigop")));
        long[][] c = q.countersAndReset();
        assertEquals(2, c[HIGH.ordinal()][0]);
        assertEquals(1, c[HIGH.ordinal()][1]);
        assertEquals(1, c[OPERATIONAL.ordinal()][1]);
        assertEquals(1000, q.queuedBytes());
    }

    @Test
    void takeRespectsTheRoomExactly() {
        EventQueues q = new EventQueues(100_000, 10_000);
        q.offer(LOW, ofCost(600, "a"));
        q.offer(LOW, ofCost(800, "b"));
        q.offer(LOW, ofCost(500, "c"));
        EventQueues.Batch b = q.take(LOW, 1399);
        assertEquals(List.of("a"), tags(b.events));
        q.returned(b);
        b = q.take(LOW, 1400);
        assertEquals(List.of("a", "b"), tags(b.events));
        q.returned(b);
        b = q.take(LOW, 1900);
        assertEquals(List.of("a", "b", "c"), tags(b.events));
        q.returned(b);
        assertTrue(q.take(LOW, 599).isEmpty(), "head does not fit: nothing (FIFO, no skipping)");
        assertEquals(3, q.size(LOW));
    }

    @Test
    void takeOrderOperationalThenPreferredThenPadding() {
        EventQueues q = new EventQueues(100_000, 10_000);
        q.offer(LOW, ofCost(400, "L1"));
        q.offer(HIGH, ofCost(400, "H1"));
        q.offer(OPERATIONAL, operational(400, "O1"));
        q.offer(HIGH, ofCost(400, "H2"));
        q.offer(LOW, ofCost(400, "L2"));
        EventQueues.Batch b = q.take(HIGH, 10_000);
        assertEquals(List.of("O1", "H1", "H2", "L1", "L2"), tags(b.events));
        assertEquals(List.of(OPERATIONAL, HIGH, HIGH, LOW, LOW), b.kinds);
    }

    @Test
    void nothingForAPriorityWhoseQueueIsEmpty() {
        EventQueues q = new EventQueues(100_000, 10_000);
        q.offer(HIGH, ofCost(400, "H1"));
        assertTrue(q.take(LOW, 10_000).isEmpty(), "Low is empty: High is not sent as padding of nothing");
        assertEquals(1, q.size(HIGH));
        // operational rides with whatever priority is due
        q.offer(OPERATIONAL, operational(400, "O1"));
        assertEquals(List.of("O1"), tags(q.take(LOW, 10_000).events));
    }

    @Test
    void neverMixesAzureAndExtensionEvents() {
        EventQueues q = new EventQueues(100_000, 10_000);
        q.offer(LOW, ofCost(400, "A1"));
        q.offer(LOW, ofCost(EventNames.CONTAINER_EVENT, 400, "X1"));
        q.offer(LOW, ofCost(EventNames.CONTAINER_EVENT, 400, "X2"));
        q.offer(LOW, ofCost(400, "A2"));
        q.offer(HIGH, ofCost(EventNames.ALERT, 400, "XH"));
        q.offer(HIGH, ofCost(400, "AH"));
        List<List<String>> messages = new ArrayList<>();
        for (QueueKind k : new QueueKind[] {LOW, LOW, LOW, HIGH, HIGH, HIGH}) {
            EventQueues.Batch b = q.take(k, 10_000);
            if (b.isEmpty()) {
                continue;
            }
            for (SecurityEvent e : b.events) {
                assertEquals(b.azure, WireSchema.isAzure(e), e.name());
            }
            messages.add(tags(b.events));
            q.delivered(b);
        }
        assertEquals(List.of(List.of("A1"), List.of("X1", "X2", "XH"), List.of("A2", "AH")), messages);
        assertTrue(q.isEmpty());
    }

    @Test
    void operationalAzureEventDoesNotPullExtensionEventsIn() {
        EventQueues q = new EventQueues(100_000, 10_000);
        q.offer(OPERATIONAL, operational(400, "O1"));
        q.offer(HIGH, ofCost(EventNames.CONTAINER_EVENT, 400, "X1"));
        EventQueues.Batch b = q.take(HIGH, 10_000);
        assertEquals(List.of("O1"), tags(b.events));
        q.delivered(b);
        b = q.take(HIGH, 10_000);
        assertEquals(List.of("X1"), tags(b.events));
        assertFalse(b.azure);
    }

    @Test
    void returnedRestoresTheOrder() {
        EventQueues q = new EventQueues(100_000, 10_000);
        for (int i = 0; i < 5; i++) {
            q.offer(LOW, ofCost(400, "L" + i));
            q.offer(HIGH, ofCost(400, "H" + i));
        }
        q.offer(OPERATIONAL, operational(400, "O0"));
        long bytes = q.queuedBytes();
        EventQueues.Batch b = q.take(HIGH, 1300); // O0, H0, H1 (and no room for more)
        assertEquals(List.of("O0", "H0", "H1"), tags(b.events));
        assertEquals(bytes, q.queuedBytes(), "in flight still counts against the budget");
        q.returned(b);
        assertEquals(bytes, q.queuedBytes());
        EventQueues.Batch all = q.take(HIGH, 100_000);
        assertEquals(List.of("O0", "H0", "H1", "H2", "H3", "H4", "L0", "L1", "L2", "L3", "L4"), tags(all.events));
    }

    @Test
    void deliveredReleasesTheBytes() {
        EventQueues q = new EventQueues(100_000, 10_000);
        q.offer(HIGH, ofCost(600, "H0"));
        q.offer(HIGH, ofCost(500, "H1"));
        EventQueues.Batch b = q.take(HIGH, 600);
        q.delivered(b);
        assertEquals(500, q.queuedBytes());
        q.delivered(b); // twice: nothing more released
        assertEquals(500, q.queuedBytes());
        q.returned(b); // after delivery: not put back
        assertEquals(1, q.size(HIGH));
    }

    @Test
    void inFlightEventsAreNeverEvicted() {
        EventQueues q = new EventQueues(10_000, 5_000);
        q.offer(LOW, ofCost(4000, "L0"));
        EventQueues.Batch b = q.take(LOW, 5_000);
        q.offer(LOW, ofCost(4000, "L1"));
        assertTrue(q.offer(HIGH, ofCost(4000, "H0")), "evicts queued L1, not in-flight L0");
        q.returned(b);
        assertEquals(List.of("L0"), drain(q, LOW).subList(0, 1));
    }

    @Test
    void countersResetOnRead() {
        EventQueues q = new EventQueues(10_000, 500);
        q.offer(HIGH, ofCost(400, "a"));
        q.offer(HIGH, ofCost(600, "big"));
        q.countDropped(LOW);
        assertEquals(2, q.droppedSinceReset());
        long[][] c = q.countersAndReset();
        assertEquals(2, c[HIGH.ordinal()][0]);
        assertEquals(1, c[HIGH.ordinal()][1]);
        assertEquals(1, c[LOW.ordinal()][0]);
        assertEquals(1, c[LOW.ordinal()][1]);
        long[][] again = q.countersAndReset();
        for (long[] x : again) {
            assertEquals(0, x[0]);
            assertEquals(0, x[1]);
        }
        assertEquals(0, q.droppedSinceReset());
    }

    @Test
    void resizeEvictsWhatNoLongerFits() {
        EventQueues q = new EventQueues(100_000, 10_000);
        for (int i = 0; i < 10; i++) {
            q.offer(i % 2 == 0 ? HIGH : LOW, ofCost(1000, "e" + i));
        }
        q.offer(OPERATIONAL, operational(5000, "O0"));
        q.offer(OPERATIONAL, operational(4000, "O1"));
        q.resize(10_000, 10_000); // main 9000, operational 1000
        assertTrue(q.queuedBytes(HIGH) + q.queuedBytes(LOW) <= 9000);
        assertEquals(5, q.size(HIGH), "Low went first");
        assertEquals(0, q.queuedBytes(OPERATIONAL));
    }

    @Test
    void shrinkingTheMessageSizeDropsEventsThatCanNoLongerBeSent() {
        EventQueues q = new EventQueues(100_000, 10_000);
        q.offer(LOW, ofCost(5000, "big"));
        q.offer(LOW, ofCost(400, "small"));
        q.countersAndReset();
        q.resize(100_000, 1_000);
        assertEquals(List.of("small"), tags(q.take(LOW, 1_000).events), "the big head would block the queue for ever");
        assertEquals(1, q.countersAndReset()[LOW.ordinal()][1]);
    }
}
