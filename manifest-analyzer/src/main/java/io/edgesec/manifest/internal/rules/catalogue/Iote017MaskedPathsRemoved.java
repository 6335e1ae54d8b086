package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-017: systempaths=unconfined, or empty MaskedPaths/ReadonlyPaths. */
public final class Iote017MaskedPathsRemoved extends OptionsRule {
    public Iote017MaskedPathsRemoved() {
        super("IOTE-017", "MaskedPathsRemoved", HIGH, "/proc and /sys masking removed",
                "Docker masks sensitive /proc and /sys paths; unmasking them exposes kernel interfaces that allow host takeover.",
                "Remove systempaths=unconfined and the empty MaskedPaths/ReadonlyPaths.",
                "KSV-0027");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (JsonNode n : Checks.strings(hc, "SecurityOpt")) {
            if (SecurityOptRule.normalize(n.asString()).equals("systempaths=unconfined")) {
                ctx.report(this, m, n, Checks.who(m) + " unmasks /proc and /sys (SecurityOpt systempaths=unconfined).");
            }
        }
        for (String f : List.of("MaskedPaths", "ReadonlyPaths")) {
            JArray a = hc == null ? null : hc.getArray(f);
            if (a != null && a.size() == 0) {
                ctx.report(this, m, a, Checks.who(m) + " sets HostConfig." + f + " to [], removing Docker's default masks.");
            }
        }
    }
}
