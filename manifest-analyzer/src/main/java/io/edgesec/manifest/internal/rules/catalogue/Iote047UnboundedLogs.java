package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-047: no LogConfig, or json-file without max-size. */
public final class Iote047UnboundedLogs extends UserModuleOptionsRule {
    public Iote047UnboundedLogs() {
        super("IOTE-047", "UnboundedLogs", INFO, "Unbounded container logs",
                "With the default json-file driver and no max-size, the module's logs can fill the device's disk.",
                "Set HostConfig.LogConfig {\"Type\":\"json-file\",\"Config\":{\"max-size\":\"10m\",\"max-file\":\"3\"}} or configure the daemon default.",
                "https://learn.microsoft.com/azure/iot-edge/production-checklist");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JObject lc = hc == null ? null : hc.getObject("LogConfig");
        if (lc == null) {
            ctx.report(this, m, HostPaths.anchor(m), Checks.who(m) + " has no LogConfig; logs are unbounded unless the daemon limits them.");
            return;
        }
        String type = Checks.text(lc.get("Type"));
        JObject cfg = lc.getObject("Config");
        if ((type == null || type.equalsIgnoreCase("json-file")) && (cfg == null || cfg.get("max-size") == null)) {
            ctx.report(this, m, lc, Checks.who(m) + " uses json-file logging without max-size.");
        }
    }
}
