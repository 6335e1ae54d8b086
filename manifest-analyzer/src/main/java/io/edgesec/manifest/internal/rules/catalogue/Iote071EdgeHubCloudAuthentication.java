package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-071: edgeHub AuthenticationMode=Cloud. */
public final class Iote071EdgeHubCloudAuthentication extends ModuleRule {
    public Iote071EdgeHubCloudAuthentication() {
        super("IOTE-071", "EdgeHubCloudAuthentication", MEDIUM, "edgeHub AuthenticationMode=Cloud",
                "Cloud authentication mode is not supported in production: edgeHub cannot authenticate devices while offline.",
                "Remove AuthenticationMode (default CloudAndScope).",
                "Azure/iotedge doc/EnvironmentVariables.md");
    }

    @Override
    protected void checkModule(RuleContext ctx, ModuleSpec m) {
        EnvVar v = m.isEdgeHub() ? m.envVar("AuthenticationMode") : null;
        if (v != null && v.value().trim().equalsIgnoreCase("Cloud")) {
            ctx.report(this, m, v.node(), "edgeHub uses AuthenticationMode=Cloud.");
        }
    }
}
