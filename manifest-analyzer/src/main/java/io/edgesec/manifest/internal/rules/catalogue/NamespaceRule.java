package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** Base of the host-namespace rules: {@code HostConfig.<field> == "host"}. */
abstract class NamespaceRule extends OptionsRule {
    private final String field;
    private final String what;

    NamespaceRule(String field, String what, String id, String name, Severity sev, String description, String... refs) {
        super(id, name, sev, "Host " + what + " namespace", description,
                "Remove HostConfig." + field + " (or set it to a private value); expose only what the module needs.", refs);
        this.field = field;
        this.what = what;
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JsonNode n = hc == null ? null : hc.get(field);
        if (Checks.is(n, "host")) {
            ctx.report(this, m, n, Checks.who(m) + " shares the host's " + what + " namespace (HostConfig." + field + "=host).");
        }
    }
}
