package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-010: CapAdd outside Docker's default set (and not already IOTE-009). */
public final class Iote010NonDefaultCapability extends OptionsRule {
    static final Set<String> DOCKER_DEFAULT = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
            "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    public Iote010NonDefaultCapability() {
        super("IOTE-010", "NonDefaultCapability", MEDIUM, "Other non-default capability added",
                "CapAdd grants a capability outside Docker's default set (e.g. NET_ADMIN, SYS_TIME, SYSLOG), widening what a compromised module can do to the host.",
                "Remove the capability unless the module's function requires it; document why it does.",
                "CIS Docker 1.6.0 5.4", "KSV-0022", "CKV_K8S_37", "CKV_K8S_36");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (JsonNode n : Checks.strings(hc, "CapAdd")) {
            String cap = Checks.capability(n.asString());
            if (!DOCKER_DEFAULT.contains(cap) && !Iote009DangerousCapability.DANGEROUS.contains(cap) && !Placeholders.contains(n.asString())) {
                ctx.report(this, m, n, Checks.who(m) + " adds non-default capability " + cap + ".");
            }
        }
    }
}
