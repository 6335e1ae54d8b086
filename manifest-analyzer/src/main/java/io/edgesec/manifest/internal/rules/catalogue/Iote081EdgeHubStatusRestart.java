package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-081: edgeHub status not running or restartPolicy not always. */
public final class Iote081EdgeHubStatusRestart extends ModuleRule {
    public Iote081EdgeHubStatusRestart() {
        super("IOTE-081", "EdgeHubStatusRestart", HIGH, "edgeHub status/restart wrong",
                "systemModules.edgeHub must have status running and restartPolicy always; otherwise the deployment is invalid or edgeHub stays down. A validity error.",
                "Set edgeHub status \"running\" and restartPolicy \"always\".",
                "https://learn.microsoft.com/azure/iot-edge/module-edgeagent-edgehub");
    }

    @Override
    protected void checkModule(RuleContext ctx, ModuleSpec m) {
        if (!m.isEdgeHub()) {
            return;
        }
        JsonNode st = m.node().get("status");
        if (!Checks.is(st, "running")) {
            ctx.report(this, m, st != null ? st : m.node(), "edgeHub status is " + (st == null ? "missing" : "'" + st.asText() + "'") + ", not running.");
        }
        JsonNode rp = m.node().get("restartPolicy");
        if (!Checks.is(rp, "always")) {
            ctx.report(this, m, rp != null ? rp : m.node(), "edgeHub restartPolicy is " + (rp == null ? "missing" : "'" + rp.asText() + "'") + ", not always.");
        }
    }
}
