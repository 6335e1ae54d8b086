package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-078: createOptions only parses leniently. */
public final class Iote078NonStrictJson extends ModuleRule {
    public Iote078NonStrictJson() {
        super("IOTE-078", "NonStrictJson", MEDIUM, "Non-strict JSON in createOptions",
                "createOptions parses only with Newtonsoft's liberties (unquoted names, single quotes, comments, trailing commas). The runtime applies it, but strict tools (and reviewers) miss what it contains, e.g. a hidden Privileged flag.",
                "Write createOptions as strict JSON.",
                "Avanade/2DOF-PI-WebRTC-Camera obs-cam.device.manifest.json");
    }

    @Override
    protected void checkModule(RuleContext ctx, ModuleSpec m) {
        var lens = m.createOptions().leniencies();
        if (lens.isEmpty()) {
            return;
        }
        Set<String> kinds = new LinkedHashSet<>();
        lens.forEach(l -> kinds.add(l.kind()));
        Location loc = ctx.manifest().locateOptionsOffset(m, lens.get(0).offset());
        ctx.reportAt(this, severity(), m, loc, String.join(",", kinds), Checks.who(m) + " createOptions is not strict JSON: " + String.join(", ", kinds) + ".");
    }
}
