package io.edgesec.configuration.internal;

import java.util.Set;

/**
 * The keys of the Azure security agent's twin configuration object (reference section 3.2 and
 * the published twin defaults); they configure the aggregator.
 */
final class AzureKeys {
    static final String AGGREGATOR_PID = "io.edgesec.aggregator";

    static final Set<String> KEYS = Set.of("highPriorityMessageFrequency", "lowPriorityMessageFrequency",
            "snapshotFrequency", "maxLocalCacheSizeInBytes", "maxMessageSizeInBytes",
            "eventPriorityListeningPorts", "eventPriorityLocalUsers", "eventPriorityLogin",
            "eventPriorityProcessCreate", "eventPriorityProcessTerminate", "eventPriorityConnectionCreate",
            "eventPriorityFirewallConfiguration", "eventPriorityOSBaseline", "eventPrioritySystemInformation",
            "eventPriorityDiagnostic", "eventPriorityConnectedHardware", "eventPriorityConfigurationError",
            "eventPriorityDroppedEventsStatistics", "eventPriorityMessageStatistics",
            "aggregationEnabledProcessCreate", "aggregationIntervalProcessCreate",
            "aggregationEnabledConnectionCreate", "aggregationIntervalConnectionCreate",
            "aggregationEnabledProcessTerminate", "aggregationIntervalProcessTerminate",
            "baselineCustomChecksEnabled", "baselineCustomChecksFilePath", "baselineCustomChecksFileHash",
            "hubResourceId");

    private AzureKeys() {
    }
}
