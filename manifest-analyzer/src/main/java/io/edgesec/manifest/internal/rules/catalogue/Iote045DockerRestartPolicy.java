package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-045: a Docker restart policy in createOptions. */
public final class Iote045DockerRestartPolicy extends OptionsRule {
    public Iote045DockerRestartPolicy() {
        super("IOTE-045", "DockerRestartPolicy", LOW, "Docker restart policy set in createOptions",
                "edgeAgent manages module restarts (module restartPolicy); a Docker-level always/unless-stopped policy, or on-failure with 0 or more than 5 retries, conflicts with it.",
                "Remove HostConfig.RestartPolicy and use the module's restartPolicy.",
                "CIS Docker 1.6.0 5.15", "KICS 2fc99041");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JObject rp = hc == null ? null : hc.getObject("RestartPolicy");
        if (rp == null) {
            return;
        }
        String name = String.valueOf(Checks.text(rp.get("Name"))).trim().toLowerCase(Locale.ROOT);
        Long retries = Truthy.asLong(rp.get("MaximumRetryCount"));
        if (name.equals("always") || name.equals("unless-stopped")
                || (name.equals("on-failure") && (retries == null || retries == 0 || retries > 5))) {
            ctx.report(this, m, rp, Checks.who(m) + " sets Docker restart policy '" + name + "'.");
        }
    }
}
