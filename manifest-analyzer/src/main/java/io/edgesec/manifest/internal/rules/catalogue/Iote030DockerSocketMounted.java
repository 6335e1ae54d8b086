package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-030: Docker/containerd socket or state mounted. */
public final class Iote030DockerSocketMounted extends OptionsRule {
    public Iote030DockerSocketMounted() {
        super("IOTE-030", "DockerSocketMounted", CRITICAL, "Docker/containerd socket mounted",
                "Access to the container engine socket is root on the host: the module can start a privileged container and read every other module's secrets.",
                "Remove the bind; if the module must manage containers, use the IoT Edge management API through edgeAgent instead.",
                "CIS Docker 1.6.0 5.32", "CKV_K8S_27", "KSV-0006", "kubesec DockerSock", "KICS d6355c88");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (HostMount h : HostMount.of(hc)) {
            if (HostPaths.dockerSocket(h)) {
                ctx.report(this, m, h.node(), Checks.who(m) + " mounts the container engine (" + h.source() + ").");
            }
        }
    }
}
