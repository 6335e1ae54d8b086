package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-019: User root (MEDIUM) or unspecified (INFO); GroupAdd root/docker. */
public final class Iote019RunsAsRoot extends OptionsRule {
    public Iote019RunsAsRoot() {
        super("IOTE-019", "RunsAsRoot", MEDIUM, "Runs as root",
                "The module runs as root (explicitly: MEDIUM; unspecified, so the image default applies: INFO) or joins the root or docker group.",
                "Set \"User\" to a non-root UID:GID in createOptions and do not add the root or docker group.",
                "CIS Docker 1.6.0 4.1", "CKV_K8S_23", "CKV_DOCKER_3", "CKV_DOCKER_8", "KSV-0012", "KSV-0105", "DS-0002",
                "hadolint DL3002", "kube-score container-security-context-user-group-id");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        JsonNode u = o.get("User");
        String user = u == null ? null : u.asText().trim();
        if (user != null && user.matches("(?i)(root|0)(:.*)?")) {
            ctx.report(this, MEDIUM, m, u, Checks.who(m) + " runs as root (User=" + user + ").");
        } else if ((user == null || user.isEmpty()) && !m.system()) {
            ctx.report(this, INFO, m, u != null ? u : HostPaths.anchor(m), Checks.who(m) + " does not set a User; the image default (often root) applies.");
        }
        for (JsonNode g : Checks.strings(hc, "GroupAdd")) {
            if (g.asString().trim().matches("(?i)0|root|docker")) {
                ctx.report(this, MEDIUM, m, g, Checks.who(m) + " adds group " + g.asString() + ".");
            }
        }
    }
}
