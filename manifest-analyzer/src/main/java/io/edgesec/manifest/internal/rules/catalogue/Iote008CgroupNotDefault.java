package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-008: CgroupParent set, or CgroupnsMode host. */
public final class Iote008CgroupNotDefault extends OptionsRule {
    public Iote008CgroupNotDefault() {
        super("IOTE-008", "CgroupNotDefault", LOW, "Non-default cgroup placement",
                "A custom cgroup parent or the host cgroup namespace takes the module out of the resource controls the runtime applies.",
                "Remove HostConfig.CgroupParent and CgroupnsMode=host.",
                "CIS Docker 1.6.0 5.25", "KICS 4d9f44c6");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        if (hc == null) {
            return;
        }
        JsonNode p = hc.get("CgroupParent");
        if (p != null && p.isString() && !p.asString().isBlank()) {
            ctx.report(this, m, p, Checks.who(m) + " sets a custom cgroup parent (" + p.asString() + ").");
        }
        JsonNode ns = hc.get("CgroupnsMode");
        if (Checks.is(ns, "host")) {
            ctx.report(this, m, ns, Checks.who(m) + " uses the host cgroup namespace.");
        }
    }
}
