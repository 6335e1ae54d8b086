package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-044: Ulimits present. */
public final class Iote044UlimitsOverridden extends OptionsRule {
    public Iote044UlimitsOverridden() {
        super("IOTE-044", "UlimitsOverridden", INFO, "ulimits overridden",
                "The module overrides the default ulimits (e.g. core or nofile unlimited).",
                "Keep the daemon's default ulimits unless the module needs more, and then set finite values.",
                "CIS Docker 1.6.0 5.19");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JArray u = hc == null ? null : hc.getArray("Ulimits");
        if (u != null && u.size() > 0) {
            ctx.report(this, m, u, Checks.who(m) + " overrides ulimits.");
        }
    }
}
