package io.edgesec.detector.internal.engine;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.rules.AlertInfo;
import io.edgesec.detector.internal.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the folder lets out into alert events: the catalogue's title and remediation, and
 * the severity the configuration overrides it with (over the rule's, over the catalogue's). Done
 * at the last moment so a reconfigured severity applies to folds opened before it.
 */
final class AlertIssuer {
    private long issued;

    List<SecurityEvent> issue(List<AlertFolder.Raised> out, RuleSet rules, DetectorSettings settings) {
        if (out.isEmpty()) {
            return List.of();
        }
        List<SecurityEvent> alerts = new ArrayList<>(out.size());
        for (AlertFolder.Raised r : out) {
            String id = r.hit().alertId();
            AlertInfo info = rules.alert(id);
            if (info == null) {
                info = new AlertInfo(id, id, "Medium", List.of(), ""); // an alert the rule files do not describe
            }
            String sev = settings.severityOverrides.get(id);
            if (sev == null) {
                sev = r.severity() != null ? r.severity() : info.severity();
            }
            alerts.add(AlertFactory.build(info, r, sev));
            issued++;
        }
        return alerts;
    }

    /** @return alert events made since the start */
    long issued() {
        return issued;
    }
}
