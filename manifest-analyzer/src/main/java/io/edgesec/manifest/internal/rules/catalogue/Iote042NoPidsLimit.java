package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-042: no PIDs limit. */
public final class Iote042NoPidsLimit extends UserModuleOptionsRule {
    public Iote042NoPidsLimit() {
        super("IOTE-042", "NoPidsLimit", LOW, "No PIDs limit",
                "Without HostConfig.PidsLimit a fork bomb in the module exhausts the host's process table.",
                "Set HostConfig.PidsLimit (e.g. 100).",
                "CIS Docker 1.6.0 5.29", "KICS 221e0658");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JsonNode n = hc == null ? null : hc.get("PidsLimit");
        Long v = Truthy.asLong(n);
        if (v == null || v <= 0) {
            ctx.report(this, m, n != null ? n : HostPaths.anchor(m), Checks.who(m) + " has no PIDs limit.");
        }
    }
}
