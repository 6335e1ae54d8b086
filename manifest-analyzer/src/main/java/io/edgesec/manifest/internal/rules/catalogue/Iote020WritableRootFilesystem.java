package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-020: ReadonlyRootfs not true. */
public final class Iote020WritableRootFilesystem extends UserModuleOptionsRule {
    public Iote020WritableRootFilesystem() {
        super("IOTE-020", "WritableRootFilesystem", LOW, "Writable root filesystem",
                "The module's root filesystem is writable, so an attacker can modify binaries and persist inside the container.",
                "Set HostConfig.ReadonlyRootfs=true and mount writable volumes or tmpfs only where needed.",
                "CIS Docker 1.6.0 5.13", "CKV_K8S_22", "KSV-0014", "kubesec ReadOnlyRootFilesystem",
                "kube-score container-security-context-readonlyrootfilesystem");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JsonNode n = hc == null ? null : hc.get("ReadonlyRootfs");
        if (!Checks.truthy(n)) {
            ctx.report(this, m, n != null ? n : HostPaths.anchor(m), Checks.who(m) + " has a writable root filesystem.");
        }
    }
}
