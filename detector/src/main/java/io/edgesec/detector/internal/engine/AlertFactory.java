package io.edgesec.detector.internal.engine;

import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.rules.AlertInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds Alert events in the shape the catalogue fixes (shared/reference/alert-catalogue.md). */
final class AlertFactory {
    private static final int MAX_VALUE = 1024;

    private AlertFactory() {
    }

    static SecurityEvent build(AlertInfo info, AlertFolder.Raised r, String severity) {
        Hit h = r.hit();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("AlertId", info.id());
        p.put("AlertName", info.name());
        p.put("Severity", severity);
        p.put("MitreTechniques", info.mitre());
        p.put("Description", clip(h.description, 2 * MAX_VALUE));
        p.put("Remediation", info.remediation());
        Map<String, Object> entities = new LinkedHashMap<>();
        h.entities.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                entities.put(k, clip(v, MAX_VALUE));
            }
        });
        p.put("Entities", entities);
        p.put("EvidenceEventIds", r.evidence());
        p.put("Count", r.count());
        p.put("FirstSeen", SecurityEvent.formatUtc(r.firstSeen()));
        p.put("LastSeen", SecurityEvent.formatUtc(r.lastSeen()));
        return SecurityEvent.builder(EventNames.ALERT).type(EventType.SECURITY).category(EventCategory.TRIGGERED)
                .timestamp(r.lastSeen().isAfter(Instant.EPOCH) ? r.lastSeen() : Instant.now())
                .priorityHint(Priority.HIGH).payload(p).build();
    }

    /** Fills {@code {Entity}} placeholders. */
    static String describe(String template, Map<String, String> entities) {
        return describe(template, entities, k -> null);
    }

    /** Fills {@code {Name}} placeholders from the entities, else from the event's fields. */
    static String describe(String template, Map<String, String> entities, java.util.function.Function<String, String> fields) {
        if (template == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close > i) {
                String name = template.substring(i + 1, close);
                String v = entities.get(name);
                if (v == null) {
                    v = fields.apply(name);
                }
                sb.append(v == null || v.isEmpty() ? "?" : v);
                i = close + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "...";
    }

    static List<String> evidence(String id) {
        return id == null ? List.of() : List.of(id);
    }
}
