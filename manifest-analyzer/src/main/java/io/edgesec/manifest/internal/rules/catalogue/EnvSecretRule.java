package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** Base of IOTE-062/063: secret-looking env variables, HIGH if literal, INFO if a placeholder or empty. */
abstract class EnvSecretRule extends ModuleRule {
    private final boolean fromOptions;

    EnvSecretRule(boolean fromOptions, String id, String name, String title, String description, String... refs) {
        super(id, name, HIGH, title, description,
                "Do not put secrets in the deployment: provision them to the device (a mounted file with restrictive permissions, or the workload API), or at least use a release-time placeholder.",
                refs);
        this.fromOptions = fromOptions;
    }

    @Override
    protected void checkModule(RuleContext ctx, ModuleSpec m) {
        for (EnvVar v : m.env()) {
            if (v.fromOptions() != fromOptions || v.name().equalsIgnoreCase(Analyzer.SUPPRESS_ENV)) {
                continue;
            }
            if (Checks.secretLike(v.name(), v.value())) {
                if (Checks.literal(v.value())) {
                    ctx.report(this, HIGH, m, v.node(), Checks.who(m) + " has secret-like " + (fromOptions ? "createOptions Env " : "env ")
                            + v.name() + " with a literal value (" + Checks.mask(v.value()) + ").");
                } else {
                    ctx.report(this, INFO, m, v.node(), Checks.who(m) + " passes secret-like " + (fromOptions ? "createOptions Env " : "env ")
                            + v.name() + " through the deployment (value is " + (v.value().isBlank() ? "empty" : "a placeholder") + ").");
                }
            }
        }
    }
}
