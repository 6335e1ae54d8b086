package io.edgesec.aggregator.internal.report;

import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IoT_AgentSendsUnutilizedMessages (reference/alert-catalogue.md): 10 % or more of the last 24
 * hours' messages were under 4 KB, the IoT Hub billing unit. Fed with each MessageStatistics
 * report (whose counters restart at every report); raised once when the condition starts to
 * hold, and again only after it stopped holding and came back.
 */
public final class UnutilizedMessages {
    static final String TYPE = "IoT_AgentSendsUnutilizedMessages";
    static final Duration WINDOW = Duration.ofHours(24);
    private final Deque<long[]> reports = new ArrayDeque<>(); // {epoch second, sent, under 4 KB}
    private boolean raised;

    /** @return the recommendation to send now, or null */
    public synchronized SecurityEvent observe(SecurityEvent messageStatistics, Instant now) {
        Map<String, Object> p = messageStatistics.payload().isEmpty() ? Map.of() : messageStatistics.payload().get(0);
        reports.addLast(new long[] {now.getEpochSecond(), number(p.get("MessagesSent")), number(p.get("MessagesUnder4KB"))});
        long oldest = now.minus(WINDOW).getEpochSecond();
        while (!reports.isEmpty() && reports.peekFirst()[0] < oldest) {
            reports.removeFirst();
        }
        long sent = 0;
        long small = 0;
        for (long[] r : reports) {
            sent += r[1];
            small += r[2];
        }
        boolean holds = sent > 0 && small * 10 >= sent;
        if (!holds) {
            raised = false;
            return null;
        }
        if (raised) {
            return null;
        }
        raised = true;
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("RecommendationType", TYPE);
        item.put("Severity", "Low");
        item.put("Title", "Agent sends unutilized messages");
        item.put("Description", small + " of the " + sent + " security messages of the last 24 hours were under 4 KB: "
                + "each is billed as a full 4 KB message.");
        item.put("Remediation", "Lengthen the send intervals (highPriorityMessageFrequency, lowPriorityMessageFrequency) "
                + "so that messages carry more events.");
        Map<String, String> data = new LinkedHashMap<>();
        data.put("MessagesSent", Long.toString(sent));
        data.put("MessagesUnder4KB", Long.toString(small));
        data.put("PercentUnder4KB", Long.toString(small * 100 / sent));
        data.put("WindowHours", Long.toString(WINDOW.toHours()));
        item.put("RecommendationAdditionalData", data);
        return SecurityEvent.builder(EventNames.RECOMMENDATION).type(EventType.SECURITY).category(EventCategory.TRIGGERED)
                .priorityHint(Priority.LOW).timestamp(now).payload(item).build();
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
