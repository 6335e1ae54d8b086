package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-013: SecurityOpt lacks no-new-privileges. */
public final class Iote013NoNewPrivilegesNotSet extends UserModuleOptionsRule {
    public Iote013NoNewPrivilegesNotSet() {
        super("IOTE-013", "NoNewPrivilegesNotSet", LOW, "no-new-privileges not set",
                "Without no-new-privileges a process in the module can gain privileges through setuid binaries.",
                "Add \"no-new-privileges\" (or \"no-new-privileges:true\") to HostConfig.SecurityOpt.",
                "CIS Docker 1.6.0 5.26", "KICS 27fcc7d6", "CKV_K8S_20", "KSV-0001", "kubesec AllowPrivilegeEscalation");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (JsonNode n : Checks.strings(hc, "SecurityOpt")) {
            String s = SecurityOptRule.normalize(n.asString());
            if (s.equals("no-new-privileges") || s.equals("no-new-privileges=true")) {
                return;
            }
        }
        JsonNode at = hc != null && hc.get("SecurityOpt") != null ? hc.get("SecurityOpt") : HostPaths.anchor(m);
        ctx.report(this, m, at, Checks.who(m) + " does not set no-new-privileges.");
    }
}
