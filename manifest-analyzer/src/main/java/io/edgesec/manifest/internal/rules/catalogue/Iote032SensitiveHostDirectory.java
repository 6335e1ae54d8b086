package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-032: sensitive host directory mounted. */
public final class Iote032SensitiveHostDirectory extends OptionsRule {
    public Iote032SensitiveHostDirectory() {
        super("IOTE-032", "SensitiveHostDirectory", HIGH, "Sensitive host directory mounted",
                "A system directory of the host (/, /etc, /proc, /sys, /dev, /usr, /boot, /run, ...) is mounted into the module. CRITICAL for /, /proc and /etc read-write; MEDIUM when read-only.",
                "Mount only the specific file or device needed, read-only where possible.",
                "CIS Docker 1.6.0 5.6", "KSV-0121", "KSV-0023", "kubesec ProcMount", "KICS 1c1325ff");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (HostMount h : HostMount.of(hc)) {
            if (HostPaths.sensitive(h)) {
                String s = h.normalizedSource();
                Severity sev = h.readOnly() ? MEDIUM
                        : (s.equals("/") || h.sourceUnder("/proc") || h.sourceUnder("/etc")) ? CRITICAL : HIGH;
                ctx.report(this, sev, m, h.node(), Checks.who(m) + " mounts host directory " + h.source() + (h.readOnly() ? " (read-only)." : "."));
            }
        }
    }
}
