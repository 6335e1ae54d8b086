package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-041: no CPU limit or share. */
public final class Iote041NoCpuLimit extends UserModuleOptionsRule {
    public Iote041NoCpuLimit() {
        super("IOTE-041", "NoCpuLimit", LOW, "No CPU limit / priority",
                "Without NanoCpus, CpuQuota+CpuPeriod, CpusetCpus or CpuShares the module can starve the runtime and the other modules of CPU.",
                "Set HostConfig.NanoCpus (or CpuQuota/CpuPeriod, CpusetCpus, CpuShares).",
                "CIS Docker 1.6.0 5.12", "CKV_K8S_11", "KSV-0011", "KICS 6b610c50", "https://learn.microsoft.com/azure/iot-edge/production-checklist");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        if (hc != null) {
            for (String f : List.of("NanoCpus", "CpuQuota", "CpuShares")) {
                Long v = Truthy.asLong(hc.get(f));
                if (v != null && v > 0) {
                    return;
                }
            }
            JsonNode set = hc.get("CpusetCpus");
            if (set != null && set.isString() && !set.asString().isBlank()) {
                return;
            }
        }
        ctx.report(this, m, HostPaths.anchor(m), Checks.who(m) + " has no CPU limit or share.");
    }
}
