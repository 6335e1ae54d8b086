package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-001: HostConfig.Privileged is true (after normalising truthy values). */
public final class Iote001PrivilegedModule extends OptionsRule {
    public Iote001PrivilegedModule() {
        super("IOTE-001", "PrivilegedModule", CRITICAL, "Privileged module",
                "HostConfig.Privileged=true gives the module every capability and every host device: equivalent to root on the IoT Edge host. edgelet keeps it unless allow_elevated_docker_permissions=false, which is not the default.",
                "Remove Privileged; grant only the Devices and capabilities the module needs, and set allow_elevated_docker_permissions=false in /etc/aziot/config.toml.",
                "CIS Docker 1.6.0 5.5", "CKV_K8S_16", "CKV_K8S_2", "KSV-0017", "kubesec Privileged", "kube-score container-security-context-privileged",
                "KICS ae5b6871", "https://learn.microsoft.com/azure/iot-edge/configure-device");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JsonNode n = hc == null ? null : hc.get("Privileged");
        if (Checks.truthy(n)) {
            ctx.report(this, m, n, Checks.who(m) + " runs privileged (HostConfig.Privileged=" + n.asText() + ").");
        }
    }
}
