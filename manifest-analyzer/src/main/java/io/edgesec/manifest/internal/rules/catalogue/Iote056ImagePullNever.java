package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-056: imagePullPolicy never. */
public final class Iote056ImagePullNever extends ModuleRule {
    public Iote056ImagePullNever() {
        super("IOTE-056", "ImagePullNever", INFO, "imagePullPolicy: never",
                "The agent never pulls the image; whatever image with that name is on the device runs, and security updates to the tag are not picked up.",
                "Use imagePullPolicy on-create unless the device is intentionally offline.",
                "CKV_K8S_15", "kube-score container-image-pull-policy");
    }

    @Override
    protected void checkModule(RuleContext ctx, ModuleSpec m) {
        JsonNode n = m.node().get("imagePullPolicy");
        if (Checks.is(n, "never")) {
            ctx.report(this, m, n, Checks.who(m) + " has imagePullPolicy never.");
        }
    }
}
