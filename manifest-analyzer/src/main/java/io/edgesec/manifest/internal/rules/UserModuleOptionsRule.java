package io.edgesec.manifest.internal.rules;

/**
 * An {@link OptionsRule} for the modules the user deploys only: a hardening advisory (a limit, a
 * dropped capability, a read-only root) that edgeAgent and edgeHub, Microsoft's own modules, are
 * not held to.
 */
public abstract class UserModuleOptionsRule extends OptionsRule {
    protected UserModuleOptionsRule(String id, String name, Severity severity, String title, String description,
                                    String remediation, String... references) {
        super(id, name, severity, title, description, remediation, references);
    }

    @Override
    protected final boolean userModulesOnly() {
        return true;
    }
}
