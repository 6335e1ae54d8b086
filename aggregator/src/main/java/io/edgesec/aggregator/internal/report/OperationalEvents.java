package io.edgesec.aggregator.internal.report;

import io.edgesec.aggregator.internal.wire.WireSchema;
import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the Operational events the aggregator itself reports. */
public final class OperationalEvents {
    private OperationalEvents() {
    }

    /** A collector failed, timed out or recovered. */
    public static SecurityEvent collectorStatus(String collector, String status, Severity severity, String message, Instant now) {
        return WireSchema.asDiagnostic(CollectorStatus.of(collector, status, severity, message, Map.of(), now));
    }

    /** ConfigurationError as the Azure agents sent it (reference section 3.4). */
    public static SecurityEvent configurationError(String name, String errorType, String used, String message, Instant now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ConfigurationName", name);
        p.put("ErrorType", errorType);
        p.put("UsedConfiguration", used);
        p.put("Message", message);
        return SecurityEvent.builder(EventNames.CONFIGURATION_ERROR).type(EventType.OPERATIONAL)
                .category(EventCategory.TRIGGERED).timestamp(now).payload(p).build();
    }
}
