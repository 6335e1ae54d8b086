package io.edgesec.detector.internal.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule fired: which alert, the entities that identify the incident, the ones that make it the
 * same incident when it repeats ({@code key}), and the evidence.
 */
public final class Hit {
    final String alertId;
    final Map<String, String> entities;
    final List<String> key;
    final String description;
    final String severity;
    final List<String> evidence;
    final Instant time;

    public Hit(String alertId, Map<String, String> entities, List<String> key, String description, String severity,
            List<String> evidence, Instant time) {
        this.alertId = alertId;
        this.entities = new LinkedHashMap<>(entities);
        this.key = key;
        this.description = description;
        this.severity = severity;
        this.evidence = evidence;
        this.time = time;
    }

    public String alertId() {
        return alertId;
    }

    public Map<String, String> entities() {
        return entities;
    }

    /** @return the fold key: alert ID and the values of the key entities */
    String foldKey() {
        StringBuilder sb = new StringBuilder(alertId);
        for (String k : key) {
            sb.append('\u0000').append(entities.getOrDefault(k, ""));
        }
        return sb.toString();
    }
}
