package io.edgesec.aggregator.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The Azure security agent's twin configuration (reference section 3.2: same keys, same
 * defaults), plus edgesec's own settings. Durations are ISO-8601 strings; priorities
 * High, Low or Off.
 */
@ObjectClassDefinition(id = AggregatorConfig.PID, name = "edgesec aggregator",
        description = "Message frequencies, cache and message sizes, event priorities and aggregation.")
public @interface AggregatorConfig {
    String PID = "io.edgesec.aggregator";

    @AttributeDefinition(description = "How often High priority events are sent (ISO-8601 duration).")
    String highPriorityMessageFrequency() default "PT7M";

    @AttributeDefinition(description = "How often Low priority events are sent (ISO-8601 duration).")
    String lowPriorityMessageFrequency() default "PT5H";

    @AttributeDefinition(description = "Period of snapshot (periodic) collectors that do not set their own.")
    String snapshotFrequency() default "PT13H";

    @AttributeDefinition(min = "8192", description = "Memory budget of all queued events, in bytes.")
    int maxLocalCacheSizeInBytes() default 2560000;

    @AttributeDefinition(min = "8192", max = "262144", description = "Largest message, in UTF-8 bytes of the serialized envelope.")
    int maxMessageSizeInBytes() default 204800;

    @AttributeDefinition(options = {@Option(value = "High"), @Option(value = "Low"), @Option(value = "Off")})
    String eventPriorityListeningPorts() default "High";

    String eventPriorityLocalUsers() default "High";

    String eventPriorityLogin() default "High";

    String eventPriorityProcessCreate() default "Low";

    String eventPriorityProcessTerminate() default "Low";

    String eventPriorityConnectionCreate() default "Low";

    String eventPriorityFirewallConfiguration() default "Low";

    String eventPriorityOSBaseline() default "Low";

    String eventPrioritySystemInformation() default "Low";

    String eventPriorityDiagnostic() default "Low";

    String eventPriorityConnectedHardware() default "Low";

    @AttributeDefinition(description = "Off switches ConfigurationError events off; otherwise they use the Operational queue.")
    String eventPriorityConfigurationError() default "Low";

    @AttributeDefinition(description = "Off switches DroppedEventsStatistics off; otherwise they use the Operational queue.")
    String eventPriorityDroppedEventsStatistics() default "Low";

    @AttributeDefinition(description = "Off switches MessageStatistics off; otherwise they use the Operational queue.")
    String eventPriorityMessageStatistics() default "Low";

    boolean aggregationEnabledProcessCreate() default true;

    String aggregationIntervalProcessCreate() default "PT1H";

    boolean aggregationEnabledConnectionCreate() default true;

    String aggregationIntervalConnectionCreate() default "PT1H";

    boolean aggregationEnabledProcessTerminate() default true;

    String aggregationIntervalProcessTerminate() default "PT1H";

    @AttributeDefinition(description = "Run the custom OS baseline checks of baselineCustomChecksFilePath too (read by collector-system's OSBaseline collector).")
    boolean baselineCustomChecksEnabled() default false;

    @AttributeDefinition(description = "The custom checks file (a device path; collector-system's check language).")
    String baselineCustomChecksFilePath() default "";

    @AttributeDefinition(description = "SHA-256 of the custom checks file in hex; the file is refused unless it matches.")
    String baselineCustomChecksFileHash() default "";

    @AttributeDefinition(max = "1024", description = "Copied into each message as the HubResourceId property by hub transports; "
            + "at most 1024 characters (it travels in the MQTT topic of every message).")
    String hubResourceId() default "";

    // ---- edgesec settings ----

    @AttributeDefinition(description = "Priorities of event kinds the Azure keys do not name, as Name=High|Low|Off "
            + "(e.g. ContainerEvent=High). Unnamed kinds use the collector's hint, else Low.")
    String[] eventPriorities() default {"Alert=High", "Recommendation=Low", "ContainerEvent=Low",
        "ContainerInventory=Low", "AccountChange=High", "ProcessSnapshot=Low"};

    @AttributeDefinition(description = "Agent id (a GUID) sent in every message. Empty: derived from /etc/machine-id.")
    String agentId() default "";

    @AttributeDefinition(min = "1", description = "Events per second one triggered collector may submit (steady rate).")
    int collectorRatePerSecond() default 5000;

    @AttributeDefinition(min = "1", description = "Burst of events one triggered collector may submit above its rate.")
    int collectorBurst() default 20000;

    @AttributeDefinition(description = "Longest a periodic collector's collect() may run when it does not set its own (ISO-8601).")
    String collectorTimeout() default "PT30S";

    @AttributeDefinition(description = "Send aggregated events with Category Aggregated, as the Azure agents did "
            + "(not valid in the published schema). Default: Triggered with ExtraDetails.HitCount.")
    boolean legacyAggregatedCategory() default false;

    @AttributeDefinition(description = "Keep queued and aggregated events in a write-ahead journal on disk, so a crash "
            + "or restart loses nothing that was accepted.")
    boolean durableQueue() default true;

    @AttributeDefinition(description = "Directory of the journal; empty: <data dir>/spool (the launcher's --data-dir).")
    String spoolDirectory() default "";

    @AttributeDefinition(description = "Longest the final flush at shutdown may take (ISO-8601); a send the hub has not "
            + "acknowledged by then is abandoned, its events stay in the journal. The default leaves room in docker stop's "
            + "10 s grace period for the rest of the stop.")
    String shutdownFlushTimeout() default "PT5S";

    @AttributeDefinition(description = "Longest one MessageTransport.send may take (ISO-8601); a send that takes longer "
            + "counts as failed: its events stay queued and are retried. Above the hub transport's own sendTimeout "
            + "(PT60S), so that its more precise error comes first.")
    String sendTimeout() default "PT90S";

    @AttributeDefinition(description = "Collectors (edgesec.collector.name) whose being down or failing makes "
            + "`edgesec health` fail; they are listed in the health file and the reported health.")
    String[] requiredCollectors() default {"process", "listening-ports"};

    @AttributeDefinition(description = "Port of the Prometheus text endpoint (GET /metrics); 0: off; -1: the "
            + "launcher's default (EDGESEC_METRICS_PORT, 9600 in the image; off for a plain jar run).", min = "-1", max = "65535")
    int metricsPort() default -1;

    @AttributeDefinition(description = "Address the metrics endpoint binds (0.0.0.0: every interface of the "
            + "module's network, where the IoT Edge metrics-collector scrapes it).")
    String metricsAddress() default "0.0.0.0";
}
