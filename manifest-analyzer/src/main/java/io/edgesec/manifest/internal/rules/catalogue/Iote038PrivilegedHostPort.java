package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-038: host port below 1024. */
public final class Iote038PrivilegedHostPort extends OptionsRule {
    public Iote038PrivilegedHostPort() {
        super("IOTE-038", "PrivilegedHostPort", LOW, "Privileged host port mapped",
                "The module is published on a host port below 1024 (other than the expected edgeHub 443).",
                "Use a port above 1024 unless the protocol requires it; add intended ports to expectedPorts.",
                "CIS Docker 1.6.0 5.8", "KICS bc2908f3", "KSV-0117");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (Port p : Port.of(hc)) {
            int hp = p.effectiveHostPort();
            if (hp > 0 && hp < 1024 && !ctx.settings().expectedPort(m.name(), hp)) {
                ctx.report(this, m, p.node(), Checks.who(m) + " maps privileged host port " + hp + ".");
            }
        }
    }
}
