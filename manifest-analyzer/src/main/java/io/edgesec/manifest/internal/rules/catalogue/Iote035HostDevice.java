package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-035: host devices exposed (Devices[], binds below /dev). */
public final class Iote035HostDevice extends OptionsRule {
    private static final java.util.regex.Pattern RAW = java.util.regex.Pattern.compile("/dev/(mem|kmem|port|sd[a-z].*|nvme.*|mmcblk.*|hd[a-z].*|vd[a-z].*)");

    public Iote035HostDevice() {
        super("IOTE-035", "HostDevice", MEDIUM, "Host devices exposed",
                "A host device is available in the module. Raw memory and disk devices (/dev/mem, /dev/kmem, /dev/sd*, /dev/nvme*, /dev/mmcblk*) are HIGH: they give host takeover.",
                "Map only the specific device the module needs, with the minimal cgroup permissions (e.g. \"r\" or \"rw\", not \"rwm\").",
                "CIS Docker 1.6.0 5.18");
    }

    private Severity sev(String path) {
        return RAW.matcher(path.trim()).matches() ? HIGH : MEDIUM;
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JArray devs = hc == null ? null : hc.getArray("Devices");
        if (devs != null) {
            for (JsonNode d : devs.items()) {
                JsonNode p = d.asObject() == null ? null : d.asObject().get("PathOnHost");
                if (p != null && p.isString() && !Placeholders.contains(p.asString())) {
                    ctx.report(this, sev(p.asString()), m, p, Checks.who(m) + " has host device " + p.asString() + ".");
                }
            }
        }
        for (HostMount h : HostMount.of(hc)) {
            if (HostPaths.deviceBind(h)) {
                ctx.report(this, sev(h.normalizedSource()), m, h.node(), Checks.who(m) + " binds host device path " + h.source() + ".");
            }
        }
    }
}
