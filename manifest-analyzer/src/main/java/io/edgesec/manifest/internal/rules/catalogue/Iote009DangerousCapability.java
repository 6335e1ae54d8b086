package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-009: a dangerous capability in CapAdd. */
public final class Iote009DangerousCapability extends OptionsRule {
    static final Set<String> DANGEROUS = Set.of("ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "DAC_READ_SEARCH",
            "BPF", "PERFMON", "SYS_BOOT", "MAC_ADMIN", "MAC_OVERRIDE", "LINUX_IMMUTABLE");
    private static final Set<String> WORST = Set.of("ALL", "SYS_ADMIN", "SYS_MODULE");

    public Iote009DangerousCapability() {
        super("IOTE-009", "DangerousCapability", HIGH, "Dangerous capability added",
                "CapAdd grants a capability that allows escaping the container or taking over the host (ALL, SYS_ADMIN and SYS_MODULE are critical).",
                "Remove the capability; if hardware access is needed, map the specific device instead.",
                "CIS Docker 1.6.0 5.4", "CKV_K8S_39", "CKV_K8S_25", "KSV-0005", "KSV-0120", "kubesec CapSysAdmin", "KICS ce76b7d0",
                "https://learn.microsoft.com/azure/iot-edge/configure-device");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (JsonNode n : Checks.strings(hc, "CapAdd")) {
            String cap = Checks.capability(n.asString());
            if (DANGEROUS.contains(cap)) {
                ctx.report(this, WORST.contains(cap) ? CRITICAL : HIGH, m, n, Checks.who(m) + " adds capability " + cap + ".");
            }
        }
    }
}
