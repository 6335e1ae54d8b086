package io.edgesec.aggregator.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.aggregator.internal.Events;
import io.edgesec.aggregator.internal.TestConfig;
import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.aggregator.internal.report.OperationalEvents;
import io.edgesec.aggregator.internal.report.Statistics;
import io.edgesec.aggregator.internal.wire.WireSchema;
import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.SecurityMessage;
import io.edgesec.api.transport.MessageTransport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageSenderTest {
    /** An in-memory transport that can be told to fail. */
    static final class MemoryTransport implements MessageTransport {
        final List<SecurityMessage> sent = new CopyOnWriteArrayList<>();
        volatile boolean failing;
        volatile int attempts;

        @Override
        public void send(SecurityMessage message) throws IOException {
            attempts++;
            if (failing) {
                throw new IOException("hub unreachable");
            }
            sent.add(message);
        }

        List<String> tags() {
            List<String> out = new ArrayList<>();
            for (SecurityMessage m : sent) {
                for (SecurityEvent e : m.events()) {
                    out.add(tag(e));
                }
            }
            return out;
        }
    }

    private static String tag(SecurityEvent e) {
        Object t = e.payload().isEmpty() ? null : e.payload().get(0).get("CommandLine");
        return t != null ? (String) t : e.name();
    }

    private Settings settings;
    private EventQueues queues;
    private Statistics stats;
    private MemoryTransport transport;
    private MessageTransport current;
    private Instant start;
    private MessageSender sender;

    @BeforeEach
    void setUp() {
        settings = TestConfig.settings("maxMessageSizeInBytes", 8192, "maxLocalCacheSizeInBytes", 1_000_000);
        int room = settings.maxMessageBytes - SecurityMessage.envelopeOverhead("1.2.3", settings.agentId) + 1;
        queues = new EventQueues(settings.maxCacheBytes, room);
        stats = new Statistics();
        transport = new MemoryTransport();
        current = transport;
        start = Instant.now();
        sender = new MessageSender(queues, stats, () -> current, () -> settings, "1.2.3");
    }

    private static SecurityEvent high(String tag) {
        return SecurityEvent.builder("Login").payload(Events.map("CommandLine", tag, "ProcessId", 1, "Operation", "x",
                "Executable", "/bin/login", "Result", "Success", "UserName", "root")).build();
    }

    private static SecurityEvent low(String tag) {
        return Events.sized(tag);
    }

    private void offerHigh(String... tags) {
        for (String t : tags) {
            assertTrue(queues.offer(QueueKind.HIGH, high(t)));
        }
    }

    private void offerLow(String... tags) {
        for (String t : tags) {
            assertTrue(queues.offer(QueueKind.LOW, low(t)));
        }
    }

    private Instant at(Duration d) {
        return start.plus(d).plusSeconds(1);
    }

    @Test
    void theFirstDeliveredMessageIsToldOnceAndAFailedSendIsNot() {
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        sender.onFirstSent(told::incrementAndGet);
        transport.failing = true;
        offerHigh("h1");
        sender.sendWhatIsDue(at(Duration.ofMinutes(1)));
        assertEquals(1, transport.attempts);
        assertEquals(0, told.get(), "a failed send is not the first message");
        transport.failing = false;
        sender.sendWhatIsDue(at(Duration.ofMinutes(2)));
        assertEquals(List.of("h1"), transport.tags());
        assertEquals(1, told.get(), "told once the transport accepted it");
        offerHigh("h2");
        sender.sendWhatIsDue(at(Duration.ofMinutes(10)));
        assertEquals(List.of("h1", "h2"), transport.tags());
        assertEquals(1, told.get(), "and only once");
    }

    @Test
    void nothingIsSentBeforeItIsDue() {
        offerLow("l1");
        sender.sendWhatIsDue(at(Duration.ofMinutes(6)));
        assertEquals(0, transport.attempts, "no High event yet, Low not due");
        offerHigh("h1");
        sender.sendWhatIsDue(at(Duration.ofMinutes(6)));
        assertEquals(List.of("h1", "l1"), transport.tags(), "the first High message goes as soon as High is queued");
        offerHigh("h2");
        offerLow("l2");
        sender.sendWhatIsDue(at(Duration.ofMinutes(12)));
        assertEquals(1, transport.attempts, "then High waits for its period (PT7M after the first message)");
        sender.sendWhatIsDue(at(Duration.ofMinutes(13)));
        assertEquals(List.of("h1", "l1", "h2", "l2"), transport.tags());
    }

    @Test
    void theFirstHighEventWakesTheSenderWithoutWaitingAPeriod() throws Exception {
        settings = TestConfig.settings("maxMessageSizeInBytes", 8192, "maxLocalCacheSizeInBytes", 1_000_000,
                "highPriorityMessageFrequency", "PT1H");
        queues.onFirstHigh(sender::wakeUp);
        Thread t = new Thread(sender, "test-sender");
        t.setDaemon(true);
        t.start();
        offerHigh("h1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (transport.sent.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("h1"), transport.tags(), "sent within the test's wait, not after PT1H");
        // the pass that sent h1 drains High until it is empty: h2 offered while it still runs
        // would rightly go with it; once the pass has ended, High waits for its period
        while (sender.lastHighSent() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        offerHigh("h2");
        sender.stop();
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(t.isAlive());
        assertEquals(List.of("h1"), transport.tags(), "the second High event waits for the period");
    }

    @Test
    void sendQueuedNowSendsEverythingQueuedOnceOutsideTheSchedule() {
        offerHigh("h1");
        sender.sendWhatIsDue(at(Duration.ofMinutes(1)));
        assertEquals(List.of("h1"), transport.tags(), "the first message");
        offerLow("l1", "l2");
        sender.sendWhatIsDue(at(Duration.ofMinutes(2)));
        assertEquals(1, transport.sent.size(), "neither High nor Low is due: nothing more");
        sender.sendQueuedNow();
        sender.sendWhatIsDue(at(Duration.ofMinutes(2)));
        assertEquals(List.of("h1", "l1", "l2"), transport.tags(), "the Low events held go at once");
        assertTrue(queues.isEmpty());
        offerLow("l3");
        sender.sendWhatIsDue(at(Duration.ofMinutes(3)));
        assertEquals(2, transport.sent.size(), "once only: then the schedule again");
    }

    @Test
    void highIsSentOnItsScheduleWithLowAsPadding() {
        offerLow("l1");
        offerHigh("h1", "h2");
        sender.sendWhatIsDue(at(Duration.ofMinutes(7)));
        assertEquals(1, transport.sent.size());
        assertEquals(List.of("h1", "h2", "l1"), transport.tags());
        assertEquals(Priority.HIGH, transport.sent.get(0).priority());
        assertTrue(queues.isEmpty());
        assertEquals(0, queues.queuedBytes(), "delivered events release their bytes");
    }

    @Test
    void lowWaitsForItsOwnSchedule() {
        offerLow("l1", "l2");
        sender.sendWhatIsDue(at(Duration.ofMinutes(7)));
        assertEquals(0, transport.sent.size(), "High due but empty: Low is not sent as padding of nothing");
        sender.sendWhatIsDue(at(Duration.ofHours(5)));
        assertEquals(List.of("l1", "l2"), transport.tags());
        assertEquals(Priority.LOW, transport.sent.get(0).priority());
    }

    @Test
    void aDueQueueIsDrainedInAsManyMessagesAsItTakes() {
        String pad = "p".repeat(1000);
        for (int i = 0; i < 30; i++) {
            offerHigh(i + pad);
        }
        sender.sendWhatIsDue(at(Duration.ofMinutes(7)));
        assertTrue(queues.isEmpty());
        assertTrue(transport.sent.size() >= 4, "30 KB in 8 KB messages: " + transport.sent.size());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add(i + pad);
        }
        assertEquals(expected, transport.tags(), "order kept across messages");
        for (SecurityMessage m : transport.sent) {
            assertTrue(m.toUtf8().length <= 8192);
        }
        assertEquals(transport.sent.size(), stats.messagesSent.get());
        assertTrue(stats.messagesUnder4KB.get() <= 1, "at most the last message is small");
    }

    @Test
    void failedSendsBackOffFromOneSecondDoublingUpToAMinuteAndSuccessResetsIt() {
        offerHigh("h1");
        transport.failing = true;
        List<Long> waits = new java.util.ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            waits.add(sender.sendWhatIsDue(at(Duration.ofMinutes(6 + i))));
        }
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L), waits);
        transport.failing = false;
        sender.sendWhatIsDue(at(Duration.ofMinutes(20)));
        offerHigh("h2");
        transport.failing = true;
        assertEquals(1_000L, sender.sendWhatIsDue(at(Duration.ofMinutes(40))), "a success starts the back-off over");
    }

    @Test
    void failureKeepsEventsQueuedAndInOrderThenSuccessRemovesThem() {
        offerHigh("h1", "h2", "h3");
        queues.offer(QueueKind.OPERATIONAL, OperationalEvents.configurationError("x", "Conflict", "u", "m", Instant.now()));
        offerLow("l1");
        long bytes = queues.queuedBytes();
        transport.failing = true;
        long wait = sender.sendWhatIsDue(at(Duration.ofMinutes(7)));
        assertTrue(wait > 0);
        assertEquals(1, transport.attempts, "no tight retry loop");
        assertEquals(bytes, queues.queuedBytes());
        assertEquals(1, stats.totalFailed.get());
        assertEquals(0, stats.messagesSent.get());
        long wait2 = sender.sendWhatIsDue(at(Duration.ofMinutes(8)));
        assertTrue(wait2 >= wait, "back-off grows: " + wait + " then " + wait2);
        transport.failing = false;
        sender.sendWhatIsDue(at(Duration.ofMinutes(9)));
        assertEquals(List.of("ConfigurationError", "h1", "h2", "h3", "l1"), transport.tags());
        assertTrue(queues.isEmpty());
        assertEquals(0, queues.queuedBytes());
        assertEquals(1, stats.messagesSent.get());
    }

    @Test
    void eventsOfflineStayUntilATransportAppears() {
        current = null;
        offerHigh("h1");
        assertTrue(sender.sendWhatIsDue(at(Duration.ofMinutes(8))) > 0);
        assertEquals(1, queues.size(QueueKind.HIGH));
        assertFalse(sender.flush(Instant.now().plusSeconds(5)));
        current = transport;
        sender.sendWhatIsDue(at(Duration.ofMinutes(9)));
        assertEquals(List.of("h1"), transport.tags());
    }

    @Test
    void aFullQueueIsSentEarly() {
        String pad = "q".repeat(1000);
        int i = 0;
        while (queues.queuedBytes() < 8192 + 3000) {
            offerLow(i++ + pad);
        }
        sender.sendWhatIsDue(Instant.now());
        assertFalse(transport.sent.isEmpty(), "a message's worth is queued: sent without waiting for the schedule");
        assertTrue(queues.queuedBytes() < 8192, "sent while at least a message's worth was queued");
        assertFalse(queues.isEmpty(), "the rest waits for its schedule");
        for (SecurityMessage m : transport.sent) {
            assertTrue(m.toUtf8().length <= 8192);
            assertTrue(m.toUtf8().length > 8192 - 1100, "full messages only: " + m.toUtf8().length);
        }
    }

    @Test
    void aFullHighQueueIsSentEarly() {
        String pad = "r".repeat(1000);
        for (int i = 0; i < 12; i++) {
            offerHigh(i + pad);
        }
        sender.sendWhatIsDue(Instant.now());
        assertTrue(queues.isEmpty(), "High is drained when the queues are full");
    }

    @Test
    void flushSendsEverythingRegardlessOfSchedule() {
        offerHigh("h1");
        offerLow("l1", "l2");
        queues.offer(QueueKind.OPERATIONAL, OperationalEvents.configurationError("x", "Conflict", "u", "m", Instant.now()));
        queues.offer(QueueKind.LOW, Events.containerEvent("die"));
        assertTrue(sender.flush(Instant.now().plusSeconds(30)));
        assertTrue(queues.isEmpty());
        assertEquals(List.of("ConfigurationError", "h1", "l1", "l2", "ContainerEvent"), transport.tags());
        for (SecurityMessage m : transport.sent) {
            boolean azure = WireSchema.isAzure(m.events().get(0));
            m.events().forEach(e -> assertEquals(azure, WireSchema.isAzure(e)));
        }
    }

    @Test
    void flushStopsAtAFailureKeepingTheEvents() {
        offerHigh("h1", "h2");
        transport.failing = true;
        assertFalse(sender.flush(Instant.now().plusSeconds(30)));
        assertEquals(2, queues.size(QueueKind.HIGH));
    }

    @Test
    void smallMessagesAreCounted() {
        offerHigh("h1");
        sender.flush(Instant.now().plusSeconds(30));
        assertEquals(1, stats.messagesSent.get());
        assertEquals(1, stats.messagesUnder4KB.get());
        assertEquals(1, stats.eventsDelivered.get());
    }

    @Test
    void aStopGivesUpOnASendTheHubNeverAnswersAndKeepsItsEventsQueued() throws Exception {
        java.util.concurrent.CountDownLatch sending = new java.util.concurrent.CountDownLatch(1);
        current = m -> {
            sending.countDown();
            new java.util.concurrent.CountDownLatch(1).await(); // never acknowledged
        };
        offerHigh("h1", "h2");
        Thread t = new Thread(sender, "test-sender");
        t.setDaemon(true);
        t.start();
        assertTrue(sending.await(30, TimeUnit.SECONDS), "the first High message goes at once");
        sender.stopAndFlush(Instant.now().plusSeconds(3600));
        t.interrupt(); // what Aggregator.deactivate does at the flush deadline
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(t.isAlive(), "the sender thread ended instead of flushing into the same silence");
        assertFalse(sender.flushedEmpty());
        assertEquals(2, queues.size(QueueKind.HIGH), "the unacknowledged events are queued again");
        assertEquals(1, stats.totalFailed.get());
    }

    @Test
    void stopAndFlushSendsWhatIsQueuedOnTheSenderThread() throws Exception {
        settings = TestConfig.settings("maxMessageSizeInBytes", 8192, "maxLocalCacheSizeInBytes", 1_000_000,
                "highPriorityMessageFrequency", "PT1H", "lowPriorityMessageFrequency", "PT5H");
        offerLow("l1", "l2");
        Thread t = new Thread(sender, "test-sender");
        t.setDaemon(true);
        t.start();
        sender.stopAndFlush(Instant.now().plusSeconds(30));
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(t.isAlive());
        assertTrue(sender.flushedEmpty());
        assertEquals(List.of("l1", "l2"), transport.tags(), "Low was not due: sent by the final flush");
    }

    @Test
    void senderThreadSendsAFullQueueWhenWokenAndStops() throws Exception {
        Thread t = new Thread(sender, "test-sender");
        t.setDaemon(true);
        t.start();
        String pad = "w".repeat(1000);
        for (int i = 0; i < 12; i++) {
            offerLow(i + pad);
        }
        sender.wakeUp();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (transport.sent.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(transport.sent.isEmpty());
        sender.stop();
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(t.isAlive());
    }

    @Test
    void aTransportThatThrowsAnErrorLikeLinkageErrorKeepsEvents() {
        current = m -> {
            throw new NoClassDefFoundError("com/microsoft/azure/sdk/iot/device/Message");
        };
        offerHigh("h1");
        sender.sendWhatIsDue(at(Duration.ofMinutes(8)));
        assertEquals(1, queues.size(QueueKind.HIGH));
        assertEquals(1, stats.totalFailed.get());
    }

    /**
     * A transport whose send blocks until it "recovers" (the stuck call then fails, as a publish
     * whose connection was reset does; sends after that succeed).
     */
    static final class HangingTransport implements MessageTransport {
        final java.util.concurrent.CountDownLatch recovered = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        final List<SecurityMessage> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(SecurityMessage message) throws Exception {
            attempts.incrementAndGet();
            if (recovered.getCount() > 0) {
                recovered.await(); // forever, unless the test lets it recover
                throw new IOException("connection reset while waiting for the acknowledgement");
            }
            sent.add(message);
        }
    }

    @Test
    void aHungSendTimesOutIsReportedAsAFailureAndItsEventsArriveOnceTheTransportRecovers() throws Exception {
        settings = TestConfig.settings("maxMessageSizeInBytes", 8192, "maxLocalCacheSizeInBytes", 1_000_000,
                "sendTimeout", "PT0.2S");
        HangingTransport hanging = new HangingTransport();
        current = hanging;
        offerHigh("h1", "h2");
        long bytes = queues.queuedBytes();

        long wait = sender.sendWhatIsDue(at(Duration.ofMinutes(7))); // returns: the sender is not stuck
        assertTrue(wait > 0, "backs off like after any failure");
        assertEquals(1, hanging.attempts.get());
        assertEquals(bytes, queues.queuedBytes(), "the events stay queued (and journaled)");
        assertEquals(2, queues.size(QueueKind.HIGH), "back in the queue, not in flight");
        assertEquals(1, stats.totalFailed.get());
        assertEquals(1, stats.health.sendFailures());
        assertEquals(1, stats.health.sendTimeouts());
        assertEquals("TimeoutException", stats.health.lastSendError());
        assertEquals(1, sender.hungSends());

        // retried like any failure while it still hangs; the hung calls are bounded
        for (int i = 0; i < BoundedSend.MAX_HUNG + 1; i++) {
            sender.sendWhatIsDue(at(Duration.ofMinutes(8 + i)));
        }
        assertEquals(BoundedSend.MAX_HUNG, hanging.attempts.get(), "no new call past " + BoundedSend.MAX_HUNG + " hung ones");
        assertEquals(BoundedSend.MAX_HUNG, sender.hungSends());
        assertEquals(2 + BoundedSend.MAX_HUNG, stats.health.sendTimeouts());
        assertTrue(hanging.sent.isEmpty());

        offerHigh("h3"); // collection goes on meanwhile
        hanging.recovered.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sender.hungSends() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // until the stuck calls have ended (they fail now)
        }
        assertEquals(0, sender.hungSends());
        sender.sendWhatIsDue(at(Duration.ofMinutes(20)));
        assertEquals(List.of("h1", "h2", "h3"), tags(hanging.sent), "all of them, once, in order");
        assertTrue(queues.isEmpty());
        assertEquals(0, queues.queuedBytes());
        assertEquals(1, stats.messagesSent.get());
    }

    @Test
    void theShutdownFlushIsBoundedByItsDeadlineEvenWhenASendHangs() {
        settings = TestConfig.settings("maxMessageSizeInBytes", 8192, "maxLocalCacheSizeInBytes", 1_000_000,
                "sendTimeout", "PT1H");
        HangingTransport hanging = new HangingTransport();
        current = hanging;
        offerHigh("h1");
        assertFalse(sender.flush(Instant.now().plusMillis(200)), "returns, with the events still queued");
        assertEquals(1, queues.size(QueueKind.HIGH));
        assertEquals(1, stats.health.sendTimeouts());
        hanging.recovered.countDown();
    }

    private static List<String> tags(List<SecurityMessage> messages) {
        List<String> out = new ArrayList<>();
        for (SecurityMessage m : messages) {
            for (SecurityEvent e : m.events()) {
                out.add(tag(e));
            }
        }
        return out;
    }
}
