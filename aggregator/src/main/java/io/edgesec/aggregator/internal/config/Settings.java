package io.edgesec.aggregator.internal.config;

import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The aggregator configuration, parsed and checked once. Construction fails with a message
 * naming the key and the bad value, so a bad configuration is rejected as a whole.
 */
public final class Settings {
    public final Duration highFrequency;
    public final Duration lowFrequency;
    public final Duration snapshotFrequency;
    public final int maxCacheBytes;
    public final int maxMessageBytes;
    final Map<String, Priority> priorities;
    final java.util.Set<String> operationalOff;
    public final Map<String, Duration> aggregationIntervals; // event name -> interval, only where enabled
    final String hubResourceId;
    public final String agentId;
    public final int collectorRatePerSecond;
    public final int collectorBurst;
    public final Duration collectorTimeout;
    public final Duration shutdownFlushTimeout;
    public final Duration sendTimeout;
    public final boolean legacyAggregatedCategory;

    public Settings(AggregatorConfig c) {
        highFrequency = duration("highPriorityMessageFrequency", c.highPriorityMessageFrequency());
        lowFrequency = duration("lowPriorityMessageFrequency", c.lowPriorityMessageFrequency());
        snapshotFrequency = duration("snapshotFrequency", c.snapshotFrequency());
        maxCacheBytes = atLeast("maxLocalCacheSizeInBytes", c.maxLocalCacheSizeInBytes(), 8192);
        maxMessageBytes = atLeast("maxMessageSizeInBytes", c.maxMessageSizeInBytes(), 8192);
        if (maxMessageBytes > 262144) {
            throw new IllegalArgumentException("maxMessageSizeInBytes: " + maxMessageBytes
                    + " is above IoT Hub's message limit of 262144");
        }
        priorities = new HashMap<>();
        priorities.put(EventNames.LISTENING_PORTS, priority("eventPriorityListeningPorts", c.eventPriorityListeningPorts()));
        priorities.put(EventNames.LOCAL_USERS, priority("eventPriorityLocalUsers", c.eventPriorityLocalUsers()));
        priorities.put(EventNames.LOGIN, priority("eventPriorityLogin", c.eventPriorityLogin()));
        priorities.put(EventNames.PROCESS_CREATE, priority("eventPriorityProcessCreate", c.eventPriorityProcessCreate()));
        priorities.put(EventNames.PROCESS_TERMINATE, priority("eventPriorityProcessTerminate", c.eventPriorityProcessTerminate()));
        priorities.put(EventNames.CONNECTION_CREATE, priority("eventPriorityConnectionCreate", c.eventPriorityConnectionCreate()));
        priorities.put(EventNames.FIREWALL_CONFIGURATION, priority("eventPriorityFirewallConfiguration", c.eventPriorityFirewallConfiguration()));
        priorities.put(EventNames.OS_BASELINE, priority("eventPriorityOSBaseline", c.eventPriorityOSBaseline()));
        priorities.put(EventNames.SYSTEM_INFORMATION, priority("eventPrioritySystemInformation", c.eventPrioritySystemInformation()));
        priorities.put(EventNames.DIAGNOSTIC, priority("eventPriorityDiagnostic", c.eventPriorityDiagnostic()));
        priorities.put("ConnectedHardware", priority("eventPriorityConnectedHardware", c.eventPriorityConnectedHardware()));
        // Operational kinds always ride the Operational queue; only Off has an effect.
        operationalOff = new java.util.HashSet<>();
        if (priority("eventPriorityConfigurationError", c.eventPriorityConfigurationError()) == Priority.OFF) {
            operationalOff.add(EventNames.CONFIGURATION_ERROR);
        }
        if (priority("eventPriorityDroppedEventsStatistics", c.eventPriorityDroppedEventsStatistics()) == Priority.OFF) {
            operationalOff.add(EventNames.DROPPED_EVENTS_STATISTICS);
        }
        if (priority("eventPriorityMessageStatistics", c.eventPriorityMessageStatistics()) == Priority.OFF) {
            operationalOff.add(EventNames.MESSAGE_STATISTICS);
        }
        for (String entry : c.eventPriorities() == null ? new String[0] : c.eventPriorities()) {
            int eq = entry == null ? -1 : entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("eventPriorities: '" + entry + "' is not Name=High|Low|Off");
            }
            priorities.put(entry.substring(0, eq).trim(), priority("eventPriorities[" + entry.substring(0, eq).trim() + "]",
                    entry.substring(eq + 1)));
        }
        aggregationIntervals = new HashMap<>();
        if (c.aggregationEnabledProcessCreate()) {
            aggregationIntervals.put(EventNames.PROCESS_CREATE, duration("aggregationIntervalProcessCreate", c.aggregationIntervalProcessCreate()));
        }
        if (c.aggregationEnabledConnectionCreate()) {
            aggregationIntervals.put(EventNames.CONNECTION_CREATE, duration("aggregationIntervalConnectionCreate", c.aggregationIntervalConnectionCreate()));
        }
        if (c.aggregationEnabledProcessTerminate()) {
            aggregationIntervals.put(EventNames.PROCESS_TERMINATE, duration("aggregationIntervalProcessTerminate", c.aggregationIntervalProcessTerminate()));
        }
        hubResourceId = c.hubResourceId();
        agentId = c.agentId() == null || c.agentId().isBlank() ? AgentIdentity.derive() : uuid("agentId", c.agentId());
        collectorRatePerSecond = atLeast("collectorRatePerSecond", c.collectorRatePerSecond(), 1);
        collectorBurst = atLeast("collectorBurst", c.collectorBurst(), 1);
        collectorTimeout = duration("collectorTimeout", c.collectorTimeout());
        shutdownFlushTimeout = duration("shutdownFlushTimeout", c.shutdownFlushTimeout());
        sendTimeout = duration("sendTimeout", c.sendTimeout());
        legacyAggregatedCategory = c.legacyAggregatedCategory();
    }

    /** @return the queue an event goes to, or null if its kind is switched Off */
    public QueueKind queueFor(SecurityEvent e) {
        if (e.eventType() == EventType.OPERATIONAL || isCollectorReport(e)) {
            return operationalOff.contains(e.name()) ? null : QueueKind.OPERATIONAL;
        }
        Priority p = priorities.get(e.name());
        if (p == null) {
            p = e.priorityHint() != null ? e.priorityHint() : Priority.LOW;
        }
        return switch (p) {
            case HIGH -> QueueKind.HIGH;
            case LOW -> QueueKind.LOW;
            case OFF -> null;
        };
    }

    /**
     * Collector status reports (sent as Diagnostic events, see WireSchema) are the agent's own
     * health: they ride the Operational queue whatever eventPriorityDiagnostic says.
     */
    static boolean isCollectorReport(SecurityEvent e) {
        if (e.eventType() != EventType.DIAGNOSTIC) {
            return false;
        }
        for (Map<String, Object> item : e.payload()) {
            if (item.get("ExtraDetails") instanceof Map<?, ?> extra && extra.containsKey("Collector")) {
                return true;
            }
        }
        return false;
    }

    public static Duration duration(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException(key + ": missing (an ISO-8601 duration, e.g. PT7M)");
        }
        try {
            Duration d = Duration.parse(value.trim());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(key + ": '" + value + "' must be a positive duration");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not an ISO-8601 duration (e.g. PT7M)");
        }
    }

    private static Priority priority(String key, String value) {
        try {
            return Priority.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    private static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + ": " + value + " is below the minimum " + min);
        }
        return value;
    }

    private static String uuid(String key, String value) {
        try {
            if (value.trim().length() != 36) {
                // UUID.fromString takes "1-2-3-4-5" too; the schema wants the 36-character form
                throw new IllegalArgumentException();
            }
            return java.util.UUID.fromString(value.trim()).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a GUID");
        }
    }
}
