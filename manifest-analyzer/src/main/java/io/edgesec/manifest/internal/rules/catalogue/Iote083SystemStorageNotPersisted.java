package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-083: edgeAgent/edgeHub storageFolder not bound to the host. */
public final class Iote083SystemStorageNotPersisted extends ModuleRule {
    public Iote083SystemStorageNotPersisted() {
        super("IOTE-083", "SystemStorageNotPersisted", INFO, "System-module storage not persisted",
                "edgeAgent/edgeHub keep their state (and edgeHub the queued messages) inside the container unless storageFolder is bound to a host directory; it is lost when the container is recreated.",
                "Set env storageFolder and bind a host directory to it in the system module's createOptions.",
                "https://learn.microsoft.com/azure/iot-edge/production-checklist", "iotedge check production readiness");
    }

    @Override
    protected void checkModule(RuleContext ctx, ModuleSpec m) {
        if (!m.system() || m.createOptions().unknown()) {
            return;
        }
        EnvVar sf = m.envVar("storageFolder");
        if (sf != null && !sf.value().isBlank()) {
            String folder = sf.value().trim().replaceAll("/+$", "");
            for (HostMount h : HostMount.of(m.hostConfig())) {
                String target = h.target().trim().replaceAll("/+$", "");
                if (!target.isEmpty() && (folder.equals(target) || folder.startsWith(target + "/"))) {
                    return;
                }
            }
            ctx.report(this, m, sf.node(), Checks.who(m) + " storageFolder " + sf.value() + " is not bound to a host directory.");
        } else {
            ctx.report(this, m, m.node(), Checks.who(m) + " has no storageFolder bound to the host.");
        }
    }
}
