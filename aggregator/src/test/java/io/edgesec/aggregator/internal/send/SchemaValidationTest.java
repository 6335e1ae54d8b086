package io.edgesec.aggregator.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.aggregator.internal.Events;
import io.edgesec.aggregator.internal.TestConfig;
import io.edgesec.aggregator.internal.aggregation.EventAggregation;
import io.edgesec.aggregator.internal.config.ConfigurationChecks;
import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.intake.EventIntake;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.aggregator.internal.report.OperationalEvents;
import io.edgesec.aggregator.internal.report.Statistics;
import io.edgesec.aggregator.internal.wire.WireSchema;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.SecurityMessage;
import io.edgesec.testing.AzureMessageSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messages the aggregator builds from Azure-kind events validate against the Azure schema. */
class SchemaValidationTest {
    private Settings settings;
    private EventQueues queues;
    private Statistics stats;
    private EventAggregation aggregation;
    private EventIntake intake;
    private MessageSenderTest.MemoryTransport transport;
    private MessageSender sender;
    private TimeZone savedZone;

    @BeforeEach
    void setUp() {
        savedZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin")); // a real, non-zero local offset
        settings = TestConfig.settings("maxMessageSizeInBytes", 16384);
        int room = settings.maxMessageBytes - SecurityMessage.envelopeOverhead("0.1.0", settings.agentId) + 1;
        queues = new EventQueues(settings.maxCacheBytes, room);
        stats = new Statistics();
        aggregation = new EventAggregation(1000);
        intake = new EventIntake(settings, queues, aggregation, stats, List::of);
        transport = new MessageSenderTest.MemoryTransport();
        sender = new MessageSender(queues, stats, () -> transport, () -> settings, "0.1.0");
    }

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(savedZone);
    }

    private List<SecurityMessage> flush() {
        assertTrue(sender.flush(Instant.now().plusSeconds(30)));
        assertFalse(transport.sent.isEmpty());
        return transport.sent;
    }

    private static Set<String> names(List<SecurityMessage> messages) {
        Set<String> out = new HashSet<>();
        messages.forEach(m -> m.events().forEach(e -> out.add(e.name())));
        return out;
    }

    @Test
    void azureKindsFromCollectorsAndTheAggregatorValidate() {
        Instant now = Instant.now();
        intake.accept(Events.listeningPorts());
        intake.accept(Events.emptyListeningPorts());
        intake.accept(Events.processCreate("sleep 30", 4711, 4700, now));
        intake.accept(Events.processCreate("sleep 30", 4712, 4700, now.plusSeconds(1)));
        intake.accept(Events.processTerminate(4711, now.plusSeconds(2)));
        // aggregated ProcessCreate / ProcessTerminate leave the aggregation buffer
        aggregation.flushAll().forEach(e -> intake.offer(settings, e));
        intake.accept(Events.collectorStatus("audit", "SourceLost", "auditd stopped"));
        intake.offer(settings, OperationalEvents.collectorStatus("docker", "Timeout", io.edgesec.api.event.Severity.ERROR, "collect() did not return", now));
        intake.offer(settings, OperationalEvents.configurationError("maxMessageSizeInBytes", "NotOptimal", "10000",
                "Message size should be multiple of 4096", now));
        queues.offer(QueueKind.HIGH, Events.sized("x"));
        queues.countDropped(QueueKind.LOW);
        queues.countDropped(QueueKind.LOW, "audit");
        stats.disabledEvents.incrementAndGet();
        intake.offer(settings, stats.droppedEvents(queues, now));
        intake.offer(settings, stats.messageStatistics(now));
        List<SecurityMessage> messages = flush();
        for (SecurityMessage m : messages) {
            AzureMessageSchema.assertValid(m.toJson());
        }
        assertEquals(Set.of("ListeningPorts", "ProcessCreate", "ProcessTerminate", "Diagnostic", "ConfigurationError",
                "DroppedEventsStatistics", "MessageStatistics"), names(messages));
        long aggregated = messages.stream().flatMap(m -> m.events().stream())
                .filter(e -> e.name().equals("ProcessCreate") && e.payload().get(0).containsKey("ExtraDetails")
                        && ((java.util.Map<?, ?>) e.payload().get(0).get("ExtraDetails")).containsKey("HitCount"))
                .count();
        assertEquals(1, aggregated, "the two sleeps were folded into one aggregated event");
    }

    @Test
    void configurationCheckEventsValidate() {
        Settings bad = TestConfig.settings("maxMessageSizeInBytes", 10_000, "maxLocalCacheSizeInBytes", 9_000,
                "highPriorityMessageFrequency", "PT6H");
        ConfigurationChecks.check(bad, Instant.now()).forEach(e -> intake.offer(settings, e));
        flush().forEach(m -> AzureMessageSchema.assertValid(m.toJson()));
    }

    @Test
    void aggregationDisabledSendsRawTriggeredEventsThatValidate() {
        settings = TestConfig.settings("aggregationEnabledProcessCreate", false, "aggregationEnabledProcessTerminate", false);
        intake.settings(settings);
        intake.accept(Events.processCreate("ls -l /tmp", 1, 0, Instant.now()));
        intake.accept(Events.processTerminate(1, Instant.now()));
        flush().forEach(m -> AzureMessageSchema.assertValid(m.toJson()));
    }

    @Test
    void legacyAggregatedCategoryIsNotSentWithAzureEvents() {
        aggregation.category(EventCategory.AGGREGATED);
        intake.accept(Events.processCreate("sleep 1"));
        aggregation.flushAll().forEach(e -> intake.offer(settings, e));
        intake.accept(Events.listeningPorts());
        List<SecurityMessage> messages = flush();
        assertEquals(2, messages.size());
        AzureMessageSchema.assertValid(messages.get(0).toJson());
        assertEquals(EventCategory.AGGREGATED, messages.get(1).events().get(0).category());
        assertFalse(AzureMessageSchema.errors(messages.get(1).toJson()).isEmpty(), "the schema indeed refuses Aggregated");
    }

    @Test
    void extensionEventsNeverShareAMessageWithAzureEvents() {
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < 200; i++) {
            switch (r.nextInt(5)) {
                case 0 -> intake.accept(Events.containerEvent("start" + i));
                case 1 -> intake.accept(Events.listeningPorts());
                case 2 -> intake.accept(SecurityEvent.builder(EventNames.ALERT).payload(Events.map("Rule", "r" + i)).build());
                case 3 -> intake.accept(Events.collectorStatus("c" + i, "Error", "m"));
                default -> intake.accept(SecurityEvent.builder(EventNames.RECOMMENDATION)
                        .payload(Events.map("RuleId", "IOTE-00" + (i % 9))).build());
            }
        }
        List<SecurityMessage> messages = flush();
        int azure = 0;
        int extension = 0;
        for (SecurityMessage m : messages) {
            boolean first = WireSchema.isAzure(m.events().get(0));
            for (SecurityEvent e : m.events()) {
                assertEquals(first, WireSchema.isAzure(e), "mixed message: " + names(List.of(m)));
            }
            if (first) {
                azure++;
                AzureMessageSchema.assertValid(m.toJson());
            } else {
                extension++;
                assertFalse(AzureMessageSchema.errors(m.toJson()).isEmpty());
            }
        }
        assertTrue(azure > 0 && extension > 0);
    }

    @Test
    void windowsDueThroughTheIntakeValidate() {
        intake.accept(Events.processCreate("cron job", 10, 1, Instant.now()));
        aggregation.due(Instant.now().plus(Duration.ofHours(2))).forEach(e -> intake.offer(settings, e));
        flush().forEach(m -> AzureMessageSchema.assertValid(m.toJson()));
    }
}
