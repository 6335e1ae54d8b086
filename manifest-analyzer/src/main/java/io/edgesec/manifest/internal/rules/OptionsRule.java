package io.edgesec.manifest.internal.rules;

import io.edgesec.manifest.internal.json.JObject;
import io.edgesec.manifest.internal.model.ModuleSpec;

/**
 * A rule over a module's parsed createOptions. Runs for every module whose createOptions can be
 * evaluated; absent or empty createOptions count as {@code {}} (so "missing limit" rules fire).
 * Modules with unparseable createOptions are skipped here: IOTE-077 reports them.
 */
public abstract class OptionsRule extends ModuleRule {
    private static final JObject EMPTY;

    static {
        try {
            EMPTY = io.edgesec.manifest.internal.json.JsonTrees.strict("{}").asObject();
        } catch (io.edgesec.manifest.internal.json.JsonSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    protected OptionsRule(String id, String name, Severity severity, String title, String description,
                          String remediation, String... references) {
        super(id, name, severity, title, description, remediation, references);
    }

    @Override
    protected final void checkModule(RuleContext ctx, ModuleSpec module) {
        if (module.createOptions().unknown()) {
            return;
        }
        JObject root = module.createOptions().root();
        if (root == null) {
            root = EMPTY;
        }
        checkOptions(ctx, module, root, root.getObject("HostConfig"));
    }

    /**
     * @param options    the parsed options ({@code {}} when absent)
     * @param hostConfig its HostConfig, or null
     */
    protected abstract void checkOptions(RuleContext ctx, ModuleSpec module, JObject options, JObject hostConfig);
}
