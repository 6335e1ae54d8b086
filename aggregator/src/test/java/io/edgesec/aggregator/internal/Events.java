package io.edgesec.aggregator.internal;

import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events shaped as edgesec's collectors build them (collector-process, collector-docker, ...). */
public final class Events {
    private Events() {
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** ProcessCreate as collector-process's ProcessCollector builds it. */
    public static SecurityEvent processCreate(String commandLine, int pid, int ppid, Instant t) {
        return SecurityEvent.builder(EventNames.PROCESS_CREATE).category(EventCategory.TRIGGERED).timestamp(t)
                .payload(map("Executable", "/usr/bin/sleep", "CommandLine", commandLine, "UserId", "1000", "UserName", "pi",
                        "ProcessId", pid, "ParentProcessId", ppid, "ExtraDetails", map("Source", "procfs-scan")))
                .build();
    }

    public static SecurityEvent processCreate(String commandLine) {
        return processCreate(commandLine, 4242, 1, Instant.now());
    }

    /** ProcessTerminate as ProcessCollector builds it. */
    public static SecurityEvent processTerminate(int pid, Instant t) {
        return SecurityEvent.builder(EventNames.PROCESS_TERMINATE).category(EventCategory.TRIGGERED).timestamp(t)
                .payload(map("Executable", "/usr/bin/sleep", "ProcessId", pid, "ExitStatus", -1,
                        "ExtraDetails", map("Source", "procfs-scan", "ExitStatusKnown", "false")))
                .build();
    }

    /** ListeningPorts as ListeningPortsCollector builds it. */
    public static SecurityEvent listeningPorts() {
        return SecurityEvent.builder(EventNames.LISTENING_PORTS).category(EventCategory.PERIODIC).timestamp(Instant.now())
                .payload(map("LocalAddress", "127.0.0.53", "LocalPort", "53", "Protocol", "tcp",
                        "ExtraDetails", map("Pid", "612", "Executable", "/usr/lib/systemd/systemd-resolved", "Inode", "20433",
                                "NetworkNamespace", "host")))
                .payload(map("LocalAddress", "::", "LocalPort", "22", "Protocol", "tcp",
                        "ExtraDetails", map("Inode", "1", "NetworkNamespace", "host")))
                .payload(map("LocalAddress", "::ffff:127.0.0.1", "LocalPort", "*", "Protocol", "udp",
                        "ExtraDetails", map("NetworkNamespace", "net:[4026532200]")))
                .payload(map("LocalAddress", "fe80::1c2:3ff:fe04:506", "LocalPort", "5353", "Protocol", "udp"))
                .build();
    }

    public static SecurityEvent emptyListeningPorts() {
        return SecurityEvent.builder(EventNames.LISTENING_PORTS).category(EventCategory.PERIODIC).build();
    }

    /** An edgesec extension kind, outside the Azure schema. */
    public static SecurityEvent containerEvent(String action) {
        return SecurityEvent.builder(EventNames.CONTAINER_EVENT).payload(map("Action", action, "ContainerId", "abc123",
                "Image", "mcr.microsoft.com/azureiotedge-agent:1.4")).build();
    }

    /** A CollectorStatus report as a collector builds it. */
    public static SecurityEvent collectorStatus(String collector, String status, String message) {
        return SecurityEvent.builder(EventNames.COLLECTOR_STATUS).type(EventType.OPERATIONAL)
                .payload(map("Collector", collector, "Status", status, "Message", message, "Count", 3)).build();
    }

    /** A Low (by default priorities) Azure event with a CommandLine of about {@code bytes} UTF-8 bytes. */
    public static SecurityEvent sized(String text) {
        return SecurityEvent.builder(EventNames.PROCESS_CREATE).payload(map("Executable", "/x", "CommandLine", text,
                "UserId", "0", "ProcessId", 1, "ParentProcessId", 0)).build();
    }

    public static List<SecurityEvent> list(SecurityEvent... e) {
        return List.of(e);
    }
}
