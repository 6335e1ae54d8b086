package io.edgesec.aggregator.internal.config;

import io.edgesec.aggregator.internal.report.OperationalEvents;
import io.edgesec.api.event.SecurityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Azure agents' NotOptimal and Conflict checks (reference section 3.4). Unlike the C agent,
 * nothing is emitted when the configuration is fine.
 */
public final class ConfigurationChecks {
    private ConfigurationChecks() {
    }

    public static List<SecurityEvent> check(Settings s, Instant now) {
        List<SecurityEvent> out = new ArrayList<>();
        if (s.maxMessageBytes % 4096 != 0) {
            out.add(OperationalEvents.configurationError("maxMessageSizeInBytes", "NotOptimal",
                    String.valueOf(s.maxMessageBytes), "Message size should be multiple of 4096", now));
        }
        if (s.maxMessageBytes > s.maxCacheBytes) {
            out.add(OperationalEvents.configurationError("maxLocalCacheSizeInBytes", "Conflict",
                    String.valueOf(s.maxCacheBytes), "MaxLocalCacheSize is smaller than MaxMessageSize", now));
        }
        if (s.highFrequency.compareTo(s.lowFrequency) > 0) {
            out.add(OperationalEvents.configurationError("highPriorityMessageFrequency", "Conflict",
                    s.highFrequency.toString(), "High priority interval is longer than low priority interval", now));
        }
        return out;
    }
}
