package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-002: HostConfig.NetworkMode host, or NetworkingConfig.EndpointsConfig.host. */
public final class Iote002HostNetwork extends OptionsRule {
    public Iote002HostNetwork() {
        super("IOTE-002", "HostNetwork", HIGH, "Host network namespace",
                "The module shares the host's network stack: it can bind any host port, reach services on localhost and sniff traffic when combined with NET_RAW.",
                "Use the default bridge network (azure-iot-edge) and publish only the ports needed.",
                "CIS Docker 1.6.0 5.10", "CKV_K8S_19", "CKV_K8S_4", "KSV-0009", "kubesec HostNetwork", "KICS 071a71ff");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JsonNode n = hc == null ? null : hc.get("NetworkMode");
        if (Checks.is(n, "host")) {
            ctx.report(this, m, n, Checks.who(m) + " uses the host network (HostConfig.NetworkMode=host).");
            return;
        }
        JsonNode ep = o.path("NetworkingConfig", "EndpointsConfig", "host");
        if (ep != null) {
            ctx.report(this, m, ep, Checks.who(m) + " joins the host network (NetworkingConfig.EndpointsConfig.host).");
        }
    }
}
