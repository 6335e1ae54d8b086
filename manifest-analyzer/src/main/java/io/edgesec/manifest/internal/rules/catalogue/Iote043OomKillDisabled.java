package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-043: OomKillDisable true. */
public final class Iote043OomKillDisabled extends OptionsRule {
    public Iote043OomKillDisabled() {
        super("IOTE-043", "OomKillDisabled", MEDIUM, "OOM killer disabled",
                "With the OOM killer disabled (especially without a memory limit) the kernel kills other processes, such as edgeHub, instead of this module.",
                "Remove HostConfig.OomKillDisable.",
                "https://docs.docker.com/engine/containers/resource_constraints/");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JsonNode n = hc == null ? null : hc.get("OomKillDisable");
        if (Checks.truthy(n)) {
            Long mem = Truthy.asLong(hc.get("Memory"));
            ctx.report(this, m, n, Checks.who(m) + " disables the OOM killer" + (mem == null || mem <= 0 ? " and has no memory limit." : "."));
        }
    }
}
