package io.edgesec.detector.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code io.edgesec.detector}; every property is optional. See detector/README.md. */
@ObjectClassDefinition(name = "edgesec detector",
        description = "On-device alerts from the raw events: built-in rules, custom alerts, suppressions.")
public @interface DetectorConfig {
    @AttributeDefinition(name = "Disabled alerts", required = false, description = "Alert IDs not to raise, e.g. IOTA-046.")
    String[] disabledAlerts() default {};

    @AttributeDefinition(name = "Severity overrides", required = false, description = "ID=High|Medium|Low, e.g. IOTA-019=Low.")
    String[] severityOverrides() default {};

    @AttributeDefinition(name = "Suppressions", required = false, description = "'<alert ID or *> Entity=glob ...': alerts "
            + "whose entities match every glob are not raised, e.g. 'IOTA-046 Executable=/opt/vendor/update/*'.")
    String[] suppressions() default {};

    @AttributeDefinition(name = "Suppression window", description = "ISO-8601: repeats of an alert for the same key "
            + "entities within it are folded into one alert with a count.")
    String suppressionWindow() default "PT10M";

    @AttributeDefinition(name = "Rule files", required = false, description = "Paths of rule files loaded after the "
            + "built-in rules, in order; a rule with the id of an earlier one replaces it.")
    String[] ruleFiles() default {};

    @AttributeDefinition(name = "Rules", required = false, description = "A rule file's JSON text, loaded last (the twin "
            + "can carry rules this way).")
    String rules() default "";

    @AttributeDefinition(name = "Brute force threshold", min = "2", max = "1000", description = "Failed logins for one account or from one address within the window that make a brute force.")
    int bruteForceThreshold() default 5;

    @AttributeDefinition(name = "Brute force window", description = "ISO-8601.")
    String bruteForceWindow() default "PT10M";

    @AttributeDefinition(name = "Reconnaissance threshold", min = "2", max = "50", description = "Kinds of discovery command from one parent within the window.")
    int reconThreshold() default 5;

    @AttributeDefinition(name = "Reconnaissance window", description = "ISO-8601.")
    String reconWindow() default "PT2M";

    @AttributeDefinition(name = "Download window", description = "ISO-8601: how long a downloaded file is watched for being made executable or run.")
    String downloadWindow() default "PT15M";

    @AttributeDefinition(name = "State capacity", min = "100", max = "1000000", description = "Entries each stateful rule keeps at most (least recently used ones are evicted, counted).")
    int stateCapacity() default 10_000;

    @AttributeDefinition(name = "Process capacity", min = "64", max = "1000000", description = "Processes the process table remembers for their children's parent context (a lookup or a new child makes a process the most recent; the least recently used are evicted, counted).")
    int processCapacity() default 4096;

    @AttributeDefinition(name = "Queue capacity", min = "16", max = "4000000", description = "Events waiting for the detector thread at most; more are dropped and counted.")
    int queueCapacity() default 65_536;

    @AttributeDefinition(name = "Allowed processes", required = false, description = "Executable paths or globs; when set, any other process raises IOTA-C-AllowedProcesses.")
    String[] allowedProcesses() default {};

    @AttributeDefinition(name = "Allowed users", required = false, description = "User names or globs; when set, a login by any other user raises IOTA-C-AllowedUsers.")
    String[] allowedUsers() default {};

    @AttributeDefinition(name = "Allowed outbound", required = false, description = "CIDR[:port,...] ([v6-cidr]:ports); when set, an outbound connection elsewhere (loopback aside) raises IOTA-C-AllowedOutbound.")
    String[] allowedOutbound() default {};

    @AttributeDefinition(name = "Denied addresses", required = false, description = "CIDRs (threat intelligence); a connection to or from one raises IOTA-029.")
    String[] deniedAddresses() default {};

    @AttributeDefinition(name = "Failed login range", required = false, description = "min-max failed logins per range window; outside it raises IOTA-C-FailedLoginRange.")
    String failedLoginRange() default "";

    @AttributeDefinition(name = "Active connections range", required = false, description = "min-max connections per range window; outside it raises IOTA-C-ActiveConnectionsRange.")
    String activeConnectionsRange() default "";

    @AttributeDefinition(name = "Range window", description = "ISO-8601 window of the range alerts.")
    String rangeWindow() default "PT1H";
}
