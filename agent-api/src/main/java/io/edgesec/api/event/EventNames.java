package io.edgesec.api.event;

/** Event names of the Azure schema, and the ones edgesec adds in the same envelope. */
public final class EventNames {
    public static final String PROCESS_CREATE = "ProcessCreate";
    public static final String PROCESS_TERMINATE = "ProcessTerminate";
    public static final String CONNECTION_CREATE = "ConnectionCreate";
    public static final String LOGIN = "Login";
    public static final String LISTENING_PORTS = "ListeningPorts";
    public static final String LOCAL_USERS = "LocalUsers";
    public static final String FIREWALL_CONFIGURATION = "FirewallConfiguration";
    public static final String OS_BASELINE = "OSBaseline";
    public static final String SYSTEM_INFORMATION = "SystemInformation";
    public static final String DIAGNOSTIC = "Diagnostic";
    public static final String CONFIGURATION_ERROR = "ConfigurationError";
    public static final String DROPPED_EVENTS_STATISTICS = "DroppedEventsStatistics";
    public static final String MESSAGE_STATISTICS = "MessageStatistics";

    // edgesec additions (same envelope)
    /** A running process list taken from /proc. */
    public static final String PROCESS_SNAPSHOT = "ProcessSnapshot";
    /** Loss or health of a collector's source (audit gaps, parse errors, engine unreachable). */
    public static final String COLLECTOR_STATUS = "CollectorStatus";
    /** A finding that recommends a change (manifest rules, open ports, baseline). */
    public static final String RECOMMENDATION = "Recommendation";
    /** A detection raised on the device (brute force, reverse shell, privileged container ...). */
    public static final String ALERT = "Alert";
    /** The containers on the device and their effective settings (periodic). */
    public static final String CONTAINER_INVENTORY = "ContainerInventory";
    /** A container engine event: create, start, die, exec ... (triggered). */
    public static final String CONTAINER_EVENT = "ContainerEvent";
    /** A user or group added, changed or removed (from audit). */
    public static final String ACCOUNT_CHANGE = "AccountChange";
    /** Installed packages (dpkg, apk, rpm) and loaded kernel modules, with changes (periodic). @since 1.2 */
    public static final String SOFTWARE_INVENTORY = "SoftwareInventory";
    /** Local accounts added, removed or changed between two LocalUsers snapshots. @since 1.2 */
    public static final String LOCAL_USERS_CHANGE = "LocalUsersChange";
    /**
     * A watched file or directory was created, written, renamed or removed (from audit watches:
     * sudoers, SSH authorized keys, cron and systemd unit directories, destructive operations
     * under /var/log). @since 1.3
     */
    public static final String FILE_CHANGE = "FileChange";
    /** A kernel module was loaded or unloaded (init_module, finit_module, delete_module; from audit). @since 1.3 */
    public static final String KERNEL_MODULE = "KernelModule";
    /**
     * The kernel's audit configuration changed (CONFIG_CHANGE records: auditing switched on or
     * off, rules added or removed). @since 1.3
     */
    public static final String AUDIT_CONFIGURATION_CHANGE = "AuditConfigurationChange";

    private EventNames() {
    }
}
