package io.edgesec.manifest.internal.rules;

import java.util.List;

/**
 * What a rule is: its stable public ID ({@code IOTE-001}...), a CamelCase name, a title,
 * its default severity, description, remediation and the references it is derived from
 * (CIS Docker Benchmark, Microsoft production checklist, Trivy/Checkov/kubesec/KICS IDs).
 */
public record RuleInfo(String id, String name, String title, Severity severity, String description,
                       String remediation, List<String> references) {
    public RuleInfo {
        if (!id.matches("IOTE-\\d{3}")) {
            throw new IllegalArgumentException("bad rule id " + id);
        }
        references = List.copyOf(references);
    }

    /** @return a documentation link for the rule (its source checklist where there is one) */
    public String helpUri() {
        for (String r : references) {
            if (r.startsWith("https://")) {
                return r;
            }
        }
        return "https://learn.microsoft.com/azure/iot-edge/production-checklist";
    }
}
