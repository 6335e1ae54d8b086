package io.edgesec.manifest.internal.rules;

import io.edgesec.manifest.internal.model.ModuleSpec;

/** A rule evaluated once per module (system modules included unless {@link #userModulesOnly()}). */
public abstract class ModuleRule extends AbstractRule {
    protected ModuleRule(String id, String name, Severity severity, String title, String description,
                         String remediation, String... references) {
        super(id, name, severity, title, description, remediation, references);
    }

    /** @return true to skip edgeAgent/edgeHub (hardening advisories on Microsoft's own modules) */
    protected boolean userModulesOnly() {
        return false;
    }

    @Override
    public final void check(RuleContext ctx) {
        for (ModuleSpec m : ctx.manifest().modules()) {
            if (!m.system() || !userModulesOnly()) {
                checkModule(ctx, m);
            }
        }
    }

    protected abstract void checkModule(RuleContext ctx, ModuleSpec module);
}
