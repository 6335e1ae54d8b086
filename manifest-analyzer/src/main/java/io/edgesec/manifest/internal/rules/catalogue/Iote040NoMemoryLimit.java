package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-040: no memory limit. */
public final class Iote040NoMemoryLimit extends UserModuleOptionsRule {
    public Iote040NoMemoryLimit() {
        super("IOTE-040", "NoMemoryLimit", MEDIUM, "No memory limit",
                "Without HostConfig.Memory a leaking or compromised module can exhaust the device's memory and take down edgeHub and every other module.",
                "Set HostConfig.Memory (and MemorySwap) to a limit sized for the module.",
                "CIS Docker 1.6.0 5.11", "CKV_K8S_13", "KSV-0018", "kubesec LimitsMemory", "kube-score container-resources", "KICS bb9ac4f7",
                "https://learn.microsoft.com/azure/iot-edge/production-checklist");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JsonNode n = hc == null ? null : hc.get("Memory");
        Long v = Truthy.asLong(n);
        if (v == null || v <= 0) {
            if (n != null && Checks.placeholder(n)) {
                return;
            }
            ctx.report(this, m, n != null ? n : HostPaths.anchor(m), Checks.who(m) + " has no memory limit.");
        }
    }
}
