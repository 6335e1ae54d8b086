package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-076: schemaVersion the runtime rejects (or a placeholder). */
public final class Iote076UnsupportedSchemaVersion extends AbstractRule {
    public Iote076UnsupportedSchemaVersion() {
        super("IOTE-076", "UnsupportedSchemaVersion", HIGH, "Unsupported schemaVersion",
                "edgeAgent accepts schemaVersion 1.0/1.1 and edgeHub 1.0-1.3; anything else makes the deployment fail (status 412). A placeholder cannot be evaluated (INFO). A validity error.",
                "Set $edgeAgent schemaVersion to 1.1 and $edgeHub to 1.2 (or 1.3 for signed manifests).",
                "Azure/iotedge EdgeAgentConnection.ValidateSchemaVersion", "Azure/iotedge EdgeHubConfigParser");
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        check(ctx, "$edgeAgent", m.agentDesired(), m.agentTwin(), "1\\.[01](\\.0){0,2}", m.layered());
        check(ctx, "$edgeHub", m.hubDesired(), m.hubTwin(), "1\\.[0-3](\\.0){0,2}", m.layered());
    }

    private void check(RuleContext ctx, String twin, JObject desired, JObject twinNode, String ok, boolean layered) {
        if (desired == null) {
            return;
        }
        JsonNode v = desired.get("schemaVersion");
        if (v == null) {
            if (!layered) {
                ctx.report(this, null, twinNode, twin + " has no schemaVersion.");
            }
            return;
        }
        String s = v.asText().trim();
        if (Placeholders.contains(s)) {
            ctx.report(this, INFO, null, v, twin + " schemaVersion is a placeholder (" + s + ") and cannot be checked.");
        } else if (!s.matches(ok)) {
            ctx.report(this, null, v, twin + " schemaVersion " + s + " is not supported by the runtime.");
        }
    }
}
