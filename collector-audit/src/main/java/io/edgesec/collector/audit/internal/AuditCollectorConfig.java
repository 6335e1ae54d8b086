package io.edgesec.collector.audit.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration PID {@code io.edgesec.collector.audit}; every property has a working default. */
@ObjectClassDefinition(id = "io.edgesec.collector.audit", name = "edgesec audit collector",
        description = "Linux audit records to ProcessCreate, ConnectionCreate, Login, AccountChange, FileChange, "
                + "KernelModule and AuditConfigurationChange events")
public @interface AuditCollectorConfig {
    @AttributeDefinition(description = "auditd's log; e.g. /host/var/log/audit/audit.log in a container")
    String logPath() default "/var/log/audit/audit.log";

    @AttributeDefinition(description = "Where the collector keeps its log position between runs")
    String stateDirectory() default "/var/lib/edgesec/audit";

    @AttributeDefinition(description = "Read the log, the auditd af_unix plugin socket, or both (deduplicated)",
            options = {@Option(value = "log", label = "log"), @Option(value = "socket", label = "socket"),
                @Option(value = "both", label = "both")})
    String sourceMode() default "log";

    @AttributeDefinition(description = "Path of auditd's af_unix plugin socket (plugins.d/af_unix.conf, format string)")
    String socketPath() default "/var/run/audispd_events";

    @AttributeDefinition(description = "Install the audit rules the collector needs through auditctl (removed again on stop)")
    boolean installRules() default false;

    @AttributeDefinition(description = "The key (-k) that tags the collector's audit rules")
    String ruleKey() default "edgesec";

    @AttributeDefinition(description = "Event kinds to emit: ProcessCreate, ConnectionCreate, Login, AccountChange, "
            + "FileChange, KernelModule, AuditConfigurationChange")
    String[] events() default {"ProcessCreate", "ConnectionCreate", "Login", "AccountChange", "FileChange", "KernelModule",
        "AuditConfigurationChange"};

    @AttributeDefinition(description = "passwd file for user names when the log is not ENRICHED; empty: none")
    String passwdPath() default "/etc/passwd";

    @AttributeDefinition(description = "Seconds between loss/health reports (kernel lost counter, parse errors, serial gaps)")
    int statusIntervalSeconds() default 60;

    @AttributeDefinition(description = "Without a saved position, start at the end of the log (true) or read it all (false)")
    boolean startAtEnd() default true;

    @AttributeDefinition(description = "Where the host's file system is seen (e.g. /host in a container with the host's /etc "
            + "bound there): the watched files (/etc/sudoers ...) are resolved under it; empty: the collector runs on the host")
    String hostRoot() default "";

    @AttributeDefinition(description = "The auditctl program")
    String auditctlPath() default "auditctl";
}
