package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-084: unresolved template placeholder where it matters. */
public final class Iote084PlaceholderInSecurityPosition extends AbstractRule {
    private static final List<String> HC_FIELDS = List.of("NetworkMode", "PidMode", "IpcMode", "UTSMode", "UsernsMode", "Privileged");

    public Iote084PlaceholderInSecurityPosition() {
        super("IOTE-084", "PlaceholderInSecurityPosition", INFO, "Placeholder in a security-relevant position",
                "A template placeholder ($VAR, ${VAR}, <...>, __X) sits in a bind source, image or tag, schemaVersion, CapAdd, namespace mode, Privileged or device path. Its value is unknown until release time, so the analyzer cannot evaluate it: analyze the generated manifest too.",
                "Analyze the generated (substituted) deployment manifest in CI as well as the template.",
                "https://learn.microsoft.com/azure/iot-edge/module-composition");
    }

    @Override
    public void check(RuleContext ctx) {
        for (ModuleSpec m : ctx.manifest().modules()) {
            JsonNode img = m.imageNode();
            if (Checks.placeholder(img)) {
                ctx.report(this, m, img, Checks.who(m) + " image is a placeholder (" + img.asString() + ").");
            }
            if (m.createOptions().unknown()) {
                continue;
            }
            JObject hc = m.hostConfig();
            for (HostMount h : HostMount.of(hc)) {
                if (HostPaths.unknown(h)) {
                    ctx.report(this, m, h.node(), Checks.who(m) + " mount source is a placeholder (" + h.source() + ").");
                }
            }
            if (hc == null) {
                continue;
            }
            for (JsonNode n : Checks.strings(hc, "CapAdd")) {
                if (Checks.placeholder(n)) {
                    ctx.report(this, m, n, Checks.who(m) + " CapAdd entry is a placeholder (" + n.asString() + ").");
                }
            }
            for (String f : HC_FIELDS) {
                JsonNode n = hc.get(f);
                if (Checks.placeholder(n)) {
                    ctx.report(this, m, n, Checks.who(m) + " HostConfig." + f + " is a placeholder (" + n.asString() + ").");
                }
            }
            JArray devs = hc.getArray("Devices");
            if (devs != null) {
                for (JsonNode d : devs.items()) {
                    JsonNode p = d.asObject() == null ? null : d.asObject().get("PathOnHost");
                    if (Checks.placeholder(p)) {
                        ctx.report(this, m, p, Checks.who(m) + " device path is a placeholder (" + p.asString() + ").");
                    }
                }
            }
        }
        // schemaVersion placeholders are IOTE-076 (INFO); not repeated here
    }
}
