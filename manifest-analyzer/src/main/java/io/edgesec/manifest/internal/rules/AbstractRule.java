package io.edgesec.manifest.internal.rules;

import java.util.List;

/** Holds a rule's {@link RuleInfo}. */
public abstract class AbstractRule implements Rule {
    private final RuleInfo info;

    protected AbstractRule(String id, String name, Severity severity, String title, String description,
                           String remediation, String... references) {
        this.info = new RuleInfo(id, name, title, severity, description, remediation, List.of(references));
    }

    @Override
    public final RuleInfo info() {
        return info;
    }

    /** @return the default severity */
    protected final Severity severity() {
        return info.severity();
    }
}
