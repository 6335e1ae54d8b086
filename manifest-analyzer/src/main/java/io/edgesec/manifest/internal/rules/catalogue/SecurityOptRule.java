package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** Base of the SecurityOpt rules: reports each entry that {@link #bad} accepts. */
abstract class SecurityOptRule extends OptionsRule {
    SecurityOptRule(String id, String name, Severity sev, String title, String description, String remediation, String... refs) {
        super(id, name, sev, title, description, remediation, refs);
    }

    /** @return the entry lower-cased, spaces removed and the first ':' turned into '=' */
    static String normalize(String opt) {
        String s = opt.replace(" ", "").toLowerCase(Locale.ROOT);
        int c = s.indexOf(':');
        int e = s.indexOf('=');
        if (c >= 0 && (e < 0 || c < e)) {
            s = s.substring(0, c) + "=" + s.substring(c + 1);
        }
        return s;
    }

    abstract boolean bad(String normalized);

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (JsonNode n : Checks.strings(hc, "SecurityOpt")) {
            if (bad(normalize(n.asString()))) {
                ctx.report(this, m, n, Checks.who(m) + ": " + info().title() + " (SecurityOpt " + n.asString() + ").");
            }
        }
    }
}
