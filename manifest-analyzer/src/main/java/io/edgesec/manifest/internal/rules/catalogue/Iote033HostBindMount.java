package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-033: any other host bind mount. */
public final class Iote033HostBindMount extends UserModuleOptionsRule {
    public Iote033HostBindMount() {
        super("IOTE-033", "HostBindMount", INFO, "Host bind mount",
                "The module mounts a host path (not a named volume). Host paths outlive the module and are shared with the host.",
                "Prefer named volumes; mount host paths read-only where possible.",
                "KSV-0023", "KSV-0028");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (HostMount h : HostMount.of(hc)) {
            if (h.hostPath() && !HostPaths.unknown(h) && !HostPaths.dockerSocket(h) && !HostPaths.iotedge(h)
                    && !HostPaths.sensitive(h) && !HostPaths.deviceBind(h)) {
                ctx.report(this, m, h.node(), Checks.who(m) + " mounts host path " + h.source() + ".");
            }
        }
    }
}
