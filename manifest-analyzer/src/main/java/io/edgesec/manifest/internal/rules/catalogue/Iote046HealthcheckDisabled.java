package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-046: Healthcheck.Test == ["NONE"]. */
public final class Iote046HealthcheckDisabled extends OptionsRule {
    public Iote046HealthcheckDisabled() {
        super("IOTE-046", "HealthcheckDisabled", INFO, "Health check disabled",
                "The image's health check is disabled, so a hung module is not detected.",
                "Remove Healthcheck {\"Test\":[\"NONE\"]} or provide a working health check.",
                "CIS Docker 1.6.0 4.6", "CIS Docker 1.6.0 5.27", "CKV_DOCKER_2", "DS-0026", "hadolint DL3057");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JObject h = o.getObject("Healthcheck");
        JArray t = h == null ? null : h.getArray("Test");
        if (t != null && t.size() == 1 && Checks.is(t.get(0), "NONE")) {
            ctx.report(this, m, t, Checks.who(m) + " disables its health check.");
        }
    }
}
