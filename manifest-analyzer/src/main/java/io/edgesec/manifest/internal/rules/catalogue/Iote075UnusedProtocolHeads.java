package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-075: no protocol head disabled on edgeHub. */
public final class Iote075UnusedProtocolHeads extends ModuleRule {
    public Iote075UnusedProtocolHeads() {
        super("IOTE-075", "UnusedProtocolHeads", INFO, "Unused protocol heads enabled",
                "edgeHub runs its AMQP, MQTT and HTTP protocol heads; every one not used by downstream devices is attack surface.",
                "Disable unused heads with amqpSettings__enabled, mqttSettings__enabled or httpSettings__enabled = false in the edgeHub env.",
                "https://learn.microsoft.com/azure/iot-edge/production-checklist");
    }

    @Override
    protected void checkModule(RuleContext ctx, ModuleSpec m) {
        if (!m.isEdgeHub()) {
            return;
        }
        for (String h : List.of("amqpSettings__enabled", "mqttSettings__enabled", "httpSettings__enabled")) {
            EnvVar v = m.envVar(h);
            if (v != null && v.value().trim().equalsIgnoreCase("false")) {
                return;
            }
        }
        JsonNode env = m.node().get("env");
        ctx.report(this, m, env != null ? env : m.node(), "edgeHub keeps all protocol heads (AMQP, MQTT, HTTP) enabled.");
    }
}
