package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-007: NetworkMode, PidMode or IpcMode {@code container:<id>}. */
public final class Iote007JoinsContainerNamespace extends OptionsRule {
    public Iote007JoinsContainerNamespace() {
        super("IOTE-007", "JoinsContainerNamespace", MEDIUM, "Joins another container's namespace",
                "The module joins the network, PID or IPC namespace of another container and can observe or interfere with it.",
                "Give each module its own namespaces; communicate through edgeHub routes or published ports.",
                "CIS Docker 1.6.0 5.10", "CIS Docker 1.6.0 5.16", "CIS Docker 1.6.0 5.17");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        if (hc == null) {
            return;
        }
        for (String f : List.of("NetworkMode", "PidMode", "IpcMode")) {
            JsonNode n = hc.get(f);
            String v = Checks.text(n);
            if (n != null && n.isString() && v.trim().toLowerCase(Locale.ROOT).startsWith("container:")) {
                ctx.report(this, m, n, Checks.who(m) + " joins another container's namespace (HostConfig." + f + "=" + v + ").");
            }
        }
    }
}
