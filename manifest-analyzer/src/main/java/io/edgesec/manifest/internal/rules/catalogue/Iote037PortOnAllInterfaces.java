package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-037: port published on all interfaces; PublishAllPorts. */
public final class Iote037PortOnAllInterfaces extends OptionsRule {
    public Iote037PortOnAllInterfaces() {
        super("IOTE-037", "PortOnAllInterfaces", MEDIUM, "Port published on all interfaces",
                "A published port listens on every host interface (no HostIp, 0.0.0.0 or ::), reachable from any network the device is on. Expected ports (default: edgeHub 443/5671/8883) are INFO.",
                "Bind the port to a specific HostIp (e.g. 127.0.0.1 or the internal interface) or remove it; list intended ports in expectedPorts.",
                "CIS Docker 1.6.0 5.14", "KICS 451d79dc", "KSV-0024", "CKV_K8S_26");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (Port p : Port.of(hc)) {
            if (p.allInterfaces()) {
                boolean expected = ctx.settings().expectedPort(m.name(), p.effectiveHostPort());
                ctx.report(this, expected ? INFO : MEDIUM, m, p.node(), Checks.who(m) + " publishes " + p.containerPort() + "/" + p.protocol()
                        + " on all host interfaces (host port " + (p.hostPort() > 0 ? p.hostPort() : "any") + ")" + (expected ? ", as expected." : "."));
            }
        }
        JsonNode all = hc == null ? null : hc.get("PublishAllPorts");
        if (Checks.truthy(all)) {
            ctx.report(this, m, all, Checks.who(m) + " publishes every exposed port on all interfaces (PublishAllPorts).");
        }
    }
}
