package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-064: IoT Hub service-level connection string anywhere. */
public final class Iote064IotHubOwnerConnectionString extends AbstractRule {
    private static final java.util.regex.Pattern POLICY = java.util.regex.Pattern.compile(
            "(?i)SharedAccessKeyName\\s*=\\s*(iothubowner|service|registryReadWrite|registryRead)\\b");

    public Iote064IotHubOwnerConnectionString() {
        super("IOTE-064", "IotHubOwnerConnectionString", CRITICAL, "IoT Hub owner/service policy connection string",
                "A hub-level policy (iothubowner, service, registryReadWrite) gives control of every device of the IoT hub, not just this one. Reached from one compromised device it compromises the fleet.",
                "Use the module's own identity (workload API / IOTEDGE_* environment) or a device-scoped credential; never ship a hub policy to a device.",
                "https://learn.microsoft.com/azure/iot-hub/iot-hub-dev-guide-sas");
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        walk(ctx, null, m.root());
        for (ModuleSpec mod : m.modules()) {
            if (mod.createOptions().stringForm() && mod.createOptions().root() != null) {
                walk(ctx, mod, mod.createOptions().root());
            }
            for (EnvVar v : mod.env()) {
                if (v.fromOptions() && v.name().toLowerCase(Locale.ROOT).contains("iothubowner") && !POLICY.matcher(v.value()).find()) {
                    ctx.report(this, mod, v.node(), Checks.who(mod) + " receives an IoT Hub owner connection string (" + v.name() + ").");
                }
            }
        }
    }

    private void walk(RuleContext ctx, ModuleSpec mod, JsonNode n) {
        if (n instanceof JObject o) {
            for (JObject.Member mem : o.members()) {
                if (mem.name().toLowerCase(Locale.ROOT).contains("iothubowner") && !(mem.value().isString() && POLICY.matcher(mem.value().asString()).find())) {
                    ctx.report(this, owner(ctx, mod, mem.value()), mem.value(), "An IoT Hub owner connection string is configured (" + mem.name() + ").");
                }
                walk(ctx, mod, mem.value());
            }
        } else if (n instanceof JArray a) {
            for (JsonNode i : a.items()) {
                walk(ctx, mod, i);
            }
        } else if (n.isString() && POLICY.matcher(n.asString()).find()) {
            var mt = POLICY.matcher(n.asString());
            mt.find();
            ctx.report(this, owner(ctx, mod, n), n, "A connection string for hub policy '" + mt.group(1) + "' is in the deployment.");
        }
    }

    private static ModuleSpec owner(RuleContext ctx, ModuleSpec mod, JsonNode n) {
        if (mod != null) {
            return mod;
        }
        for (ModuleSpec m : ctx.manifest().modules()) {
            if (n.pointer().startsWith(m.node().pointer() + "/")) {
                return m;
            }
        }
        return null;
    }
}
