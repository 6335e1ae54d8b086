package io.edgesec.collector.system.internal.recommend;

import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finding of reference/alert-catalogue.md's recommendation types: the catalogue's fields
 * (RecommendationType, Severity, Title, Description, Remediation) and the finding's data in
 * RecommendationAdditionalData (string values, as in Azure's examples).
 *
 * @param key identifies the finding within its type (a chain, a port); its data may change
 */
public record Recommendation(String type, String key, String severity, String title, String description,
        String remediation, Map<String, String> data) {

    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("RecommendationType", type);
        p.put("Severity", severity);
        p.put("Title", title);
        p.put("Description", description);
        p.put("Remediation", remediation);
        p.put("RecommendationAdditionalData", new LinkedHashMap<>(data));
        return p;
    }

    public SecurityEvent event() {
        return SecurityEvent.builder(EventNames.RECOMMENDATION).type(EventType.SECURITY).category(EventCategory.TRIGGERED)
                .priorityHint(Priority.LOW).payload(payload()).build();
    }
}
