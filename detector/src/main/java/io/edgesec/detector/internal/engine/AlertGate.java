package io.edgesec.detector.internal.engine;

import io.edgesec.detector.internal.view.EventView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where every rule raises its hits: the configuration's disabled alerts and suppressions are
 * applied here, once for all rules, before a hit reaches the folder (so a suppressed hit neither
 * opens nor extends a fold window).
 */
final class AlertGate implements StatefulRule.Raiser {
    private final AlertFolder folder;
    private final AlertEntities entities;
    private DetectorSettings settings;
    private long suppressed;

    AlertGate(AlertFolder folder, AlertEntities entities, DetectorSettings settings) {
        this.folder = folder;
        this.entities = entities;
        this.settings = settings;
    }

    /** A new configuration: its disabled alerts and suppressions apply to the next hit. */
    void settings(DetectorSettings s) {
        settings = s;
    }

    @Override
    public void raise(String alertId, Map<String, String> entities, List<String> key, String description,
            String severity, List<String> evidence, Instant time) {
        if (settings.disabledAlerts.contains(alertId)) {
            return;
        }
        for (Suppression s : settings.suppressions) {
            if (s.matches(alertId, entities)) {
                suppressed++;
                return;
            }
        }
        folder.add(new Hit(alertId, entities, key, description, severity, evidence, time));
    }

    @Override
    public Map<String, String> entities(EventView v) {
        return entities.of(v);
    }

    /** @return hits dropped by a suppression since the start (disabled alerts are not counted) */
    long suppressed() {
        return suppressed;
    }
}
