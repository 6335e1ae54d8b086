package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-074: store-and-forward or route TTL above the limit. */
public final class Iote074LongMessageTtl extends AbstractRule {
    public Iote074LongMessageTtl() {
        super("IOTE-074", "LongMessageTtl", INFO, "Long store-and-forward TTL",
                "Messages are kept on the device longer than the configured limit (default 7200 s), increasing data at rest and disk use.",
                "Lower storeAndForwardConfiguration.timeToLiveSecs / route timeToLiveSecs, or raise ttlLimitSecs deliberately.",
                "https://learn.microsoft.com/azure/iot-edge/production-checklist");
    }

    @Override
    public void check(RuleContext ctx) {
        JObject hub = ctx.manifest().hubDesired();
        if (hub == null) {
            return;
        }
        long limit = ctx.settings().ttlLimitSecs();
        JsonNode ttl = hub.path("storeAndForwardConfiguration", "timeToLiveSecs");
        Long v = Truthy.asLong(ttl);
        if (v != null && v > limit) {
            ctx.report(this, null, ttl, "Store-and-forward TTL is " + v + " s (limit " + limit + " s).");
        }
        JObject routes = hub.getObject("routes");
        if (routes != null) {
            for (JObject.Member r : routes.effectiveMembers()) {
                JsonNode t = r.value().asObject() == null ? null : r.value().asObject().get("timeToLiveSecs");
                Long rv = Truthy.asLong(t);
                if (rv != null && rv > limit) {
                    ctx.report(this, null, t, "Route '" + r.name() + "' TTL is " + rv + " s (limit " + limit + " s).");
                }
            }
        }
    }
}
