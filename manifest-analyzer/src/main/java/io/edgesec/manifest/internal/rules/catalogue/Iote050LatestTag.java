package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-050: :latest or no tag. */
public final class Iote050LatestTag extends ImageRule {
    public Iote050LatestTag() {
        super("IOTE-050", "LatestTag", MEDIUM, ":latest or missing tag",
                "The image uses :latest or no tag (edgeAgent then appends :latest): the deployed code changes without a deployment change and cannot be audited or rolled back.",
                "Pin a specific version tag, ideally with a digest.",
                "CIS Docker 1.6.0 5.28", "CKV_K8S_14", "CKV_DOCKER_7", "KSV-0013", "DS-0001", "hadolint DL3006", "hadolint DL3007",
                "kube-score container-image-tag", "https://learn.microsoft.com/azure/iot-edge/production-checklist");
    }

    @Override
    void checkImage(RuleContext ctx, ModuleSpec m, JsonNode node, ImageRef ref) {
        if (Placeholders.contains(ref.raw()) || ref.digest() != null) {
            return;
        }
        if (ref.tag() == null) {
            ctx.report(this, m, node, Checks.who(m) + " image " + ref.raw() + " has no tag; the agent deploys :latest.");
        } else if (ref.tag().equalsIgnoreCase("latest")) {
            ctx.report(this, m, node, Checks.who(m) + " image " + ref.raw() + " uses :latest.");
        }
    }
}
