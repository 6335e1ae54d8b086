package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-012: no CapDrop ALL. */
public final class Iote012CapabilitiesNotDropped extends UserModuleOptionsRule {
    public Iote012CapabilitiesNotDropped() {
        super("IOTE-012", "CapabilitiesNotDropped", INFO, "Capabilities not dropped",
                "The module keeps Docker's default capability set; dropping ALL and adding back only what is needed limits the damage of a compromise.",
                "Set HostConfig.CapDrop to [\"ALL\"] and add back only the required capabilities.",
                "KSV-0003", "KSV-0004", "KSV-0106", "kubesec CapDropAll", "Azure/Industrial-IoT PR #1497");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (JsonNode n : Checks.strings(hc, "CapDrop")) {
            if (Checks.capability(n.asString()).equals("ALL")) {
                return;
            }
        }
        JsonNode at = hc != null && hc.get("CapDrop") != null ? hc.get("CapDrop") : HostPaths.anchor(m);
        ctx.report(this, m, at, Checks.who(m) + " does not drop capabilities (no CapDrop ALL).");
    }
}
