package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-051: rolling or branch tag without digest. */
public final class Iote051MutableTag extends ImageRule {
    private static final java.util.regex.Pattern ROLLING = java.util.regex.Pattern.compile(
            "(?i)v?\\d+(\\.\\d+)?|main|master|stable|dev|develop|edge|nightly|rolling|preview|beta|alpha|current|lts");

    public Iote051MutableTag() {
        super("IOTE-051", "MutableTag", LOW, "Mutable rolling/branch tag, not digest-pinned",
                "A rolling tag (1, 1.5) or branch tag (main, stable) moves under the deployment: devices run different code from the same manifest.",
                "Use a specific version tag (1.5.3) or pin the digest (@sha256:...) for production.",
                "CKV_K8S_43", "https://learn.microsoft.com/azure/iot-edge/production-checklist");
    }

    @Override
    void checkImage(RuleContext ctx, ModuleSpec m, JsonNode node, ImageRef ref) {
        if (ref.digest() != null || ref.tag() == null || Placeholders.contains(ref.raw())) {
            return;
        }
        if (ROLLING.matcher(ref.tag()).matches()) {
            ctx.report(this, m, node, Checks.who(m) + " image " + ref.raw() + " uses mutable tag '" + ref.tag() + "'.");
        }
    }
}
