package io.edgesec.aggregator.internal.wire;

import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import io.edgesec.support.json.JsonText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which events the Azure security message schema accepts, and the mapping of edgesec's
 * collector status reports onto its Diagnostic event.
 *
 * <p>The Azure back end silently ignores a message that does not conform to its schema, so a
 * message never mixes Azure events with edgesec's extension kinds (ContainerEvent,
 * Recommendation, ...): one non-conforming event would take the whole message with it.
 */
public final class WireSchema {
    static final Set<String> AZURE_EVENT_NAMES = Set.of(EventNames.PROCESS_CREATE, EventNames.PROCESS_TERMINATE,
            EventNames.CONNECTION_CREATE, EventNames.LOGIN, EventNames.LISTENING_PORTS, EventNames.LOCAL_USERS,
            EventNames.FIREWALL_CONFIGURATION, EventNames.OS_BASELINE, EventNames.SYSTEM_INFORMATION,
            "ConnectedHardware", EventNames.DIAGNOSTIC, EventNames.CONFIGURATION_ERROR,
            EventNames.DROPPED_EVENTS_STATISTICS, EventNames.MESSAGE_STATISTICS);

    private WireSchema() {
    }

    /** @return true if the Azure schema accepts this event (name and category) */
    public static boolean isAzure(SecurityEvent e) {
        return e.category() != EventCategory.AGGREGATED && AZURE_EVENT_NAMES.contains(e.name());
    }

    /**
     * A CollectorStatus report as a schema-valid Diagnostic event: the Severity the collector gave
     * (see {@link io.edgesec.api.event.CollectorStatus}), else one guessed from the words of its
     * Status (reports built by hand, as before agent-api 1.1); Message prefixed with the
     * collector; the other fields in ExtraDetails as strings.
     */
    public static SecurityEvent asDiagnostic(SecurityEvent status) {
        SecurityEvent.Builder b = SecurityEvent.builder(EventNames.DIAGNOSTIC).type(EventType.DIAGNOSTIC)
                .category(EventCategory.TRIGGERED).timestamp(status.timestamp()).id(status.id());
        for (Map<String, Object> item : status.payload()) {
            Map<String, String> extra = new LinkedHashMap<>();
            item.forEach((k, v) -> {
                if (v != null) {
                    extra.put(k, v instanceof String s ? s : JsonText.write(v));
                }
            });
            Severity given = Severity.fromWireName(extra.remove(CollectorStatus.SEVERITY));
            String collector = extra.getOrDefault(CollectorStatus.COLLECTOR, "unknown");
            String message = extra.getOrDefault(CollectorStatus.MESSAGE, extra.toString());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("Severity", given != null ? given.wireName() : severity(extra.get(CollectorStatus.STATUS)));
            p.put("Message", "collector " + collector + ": " + message);
            p.put("ProcessId", ProcessHandle.current().pid());
            p.put("ThreadId", Thread.currentThread().getId());
            p.put("ExtraDetails", extra);
            b.payload(p);
        }
        return b.build();
    }

    /** The guess for a report without a Severity of its own. */
    private static String severity(String status) {
        if (status == null) {
            return "Warning";
        }
        String s = status.toLowerCase(java.util.Locale.ROOT);
        if (s.contains("fatal")) {
            return "Fatal";
        }
        if (s.contains("error") || s.contains("fail") || s.contains("timeout") || s.contains("lost")
                || s.contains("loss") || s.contains("gap") || s.contains("unreachable") || s.contains("down")
                || s.contains("unavailable") || s.contains("disconnect") || s.contains("missing")) {
            return "Error";
        }
        if (s.contains("ok") || s.contains("recover") || s.contains("restor") || s.contains("connect")
                || s.contains("info") || s.contains("start")) {
            return "Information";
        }
        return "Warning";
    }
}
