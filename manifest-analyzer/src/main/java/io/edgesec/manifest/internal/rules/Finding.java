package io.edgesec.manifest.internal.rules;

import io.edgesec.manifest.internal.model.Location;

/**
 * One result of one rule.
 *
 * @param rule        the rule
 * @param severity    this finding's severity (the rule's default, refined or overridden)
 * @param message     what is wrong, for a person
 * @param module      the module concerned, or null for deployment-wide findings
 * @param location    where
 * @param value       the offending value (part of the fingerprint)
 * @param source      the manifest's source (file path, {@code twin}...)
 * @param fingerprint stable hash of rule id, source, logical pointer and value
 * @param suppression non-null if suppressed
 */
public record Finding(RuleInfo rule, Severity severity, String message, String module, Location location,
                      String value, String source, String fingerprint, Suppression suppression) {

    public String ruleId() {
        return rule.id();
    }

    public boolean suppressed() {
        return suppression != null;
    }

    public Finding withSuppression(Suppression s) {
        return new Finding(rule, severity, message, module, location, value, source, fingerprint, s);
    }

    public Finding withSeverity(Severity s) {
        return new Finding(rule, s, message, module, location, value, source, fingerprint, suppression);
    }
}
