package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-031: IoT Edge / aziot sockets, keys or configuration mounted. */
public final class Iote031IotEdgeSecretsMounted extends OptionsRule {
    public Iote031IotEdgeSecretsMounted() {
        super("IOTE-031", "IotEdgeSecretsMounted", CRITICAL, "IoT Edge or aziot runtime secrets/sockets mounted",
                "The module can reach the IoT Edge management or workload API, the aziot key/identity services or the device's provisioning configuration: it can stop other modules or act as any identity.",
                "Remove the bind. Modules receive their own workload socket from the runtime; nothing else from /var/run/iotedge, /var/lib/aziot or /etc/aziot should be mounted.",
                "https://learn.microsoft.com/azure/iot-edge/iot-edge-security-manager", "Azure/iotedge edgelet");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (HostMount h : HostMount.of(hc)) {
            if (HostPaths.iotedge(h)) {
                ctx.report(this, m, h.node(), Checks.who(m) + " mounts IoT Edge runtime state (" + h.source() + ").");
            }
        }
    }
}
