package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-034: shared/rshared propagation. */
public final class Iote034SharedMountPropagation extends OptionsRule {
    public Iote034SharedMountPropagation() {
        super("IOTE-034", "SharedMountPropagation", MEDIUM, "Shared mount propagation",
                "With shared propagation, mounts made inside the module appear on the host (and vice versa).",
                "Use the default private propagation.",
                "CIS Docker 1.6.0 5.20");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (HostMount h : HostMount.of(hc)) {
            if (h.propagation().equals("shared") || h.propagation().equals("rshared")) {
                ctx.report(this, m, h.node(), Checks.who(m) + " mounts " + h.source() + " with " + h.propagation() + " propagation.");
            }
        }
    }
}
