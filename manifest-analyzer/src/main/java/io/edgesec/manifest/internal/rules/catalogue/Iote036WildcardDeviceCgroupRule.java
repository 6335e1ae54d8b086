package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-036: DeviceCgroupRules allowing every device. */
public final class Iote036WildcardDeviceCgroupRule extends OptionsRule {
    public Iote036WildcardDeviceCgroupRule() {
        super("IOTE-036", "WildcardDeviceCgroupRule", HIGH, "Wildcard device cgroup rule",
                "A device cgroup rule with *:* lets the module create and access any device node of that type, including disks.",
                "List the specific major:minor numbers the module needs.",
                "CIS Docker 1.6.0 5.18");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (JsonNode n : Checks.strings(hc, "DeviceCgroupRules")) {
            if (n.asString().contains("*:*")) {
                ctx.report(this, m, n, Checks.who(m) + " allows all devices (DeviceCgroupRules " + n.asString() + ").");
            }
        }
    }
}
