package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-021: HostConfig.Runtime other than runc, or Isolation set. */
public final class Iote021UnusualRuntime extends OptionsRule {
    public Iote021UnusualRuntime() {
        super("IOTE-021", "UnusualRuntime", INFO, "Alternative or unusual runtime",
                "The module uses a non-default OCI runtime (e.g. nvidia) or isolation mode, which adds host attack surface (drivers, device nodes).",
                "Keep the runtime and its drivers patched; prefer the default runtime where possible.",
                "https://docs.docker.com/engine/alternative-runtimes/");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        if (hc == null) {
            return;
        }
        JsonNode r = hc.get("Runtime");
        if (r != null && r.isString() && !r.asString().isBlank() && !r.asString().trim().equalsIgnoreCase("runc")) {
            ctx.report(this, m, r, Checks.who(m) + " uses runtime '" + r.asString() + "'.");
        }
        JsonNode iso = hc.get("Isolation");
        if (iso != null && iso.isString() && !iso.asString().isBlank() && !iso.asString().equalsIgnoreCase("default")) {
            ctx.report(this, m, iso, Checks.who(m) + " sets isolation '" + iso.asString() + "'.");
        }
    }
}
