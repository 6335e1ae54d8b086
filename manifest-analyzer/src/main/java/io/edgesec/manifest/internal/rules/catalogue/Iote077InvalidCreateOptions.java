package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-077: createOptions chunking/parse problems (warnings LOW). */
public final class Iote077InvalidCreateOptions extends ModuleRule {
    public Iote077InvalidCreateOptions() {
        super("IOTE-077", "InvalidCreateOptions", HIGH, "Invalid or ambiguous createOptions",
                "createOptions cannot be read as the edge agent reads it: chunk gaps, bad suffixes, non-string chunks, more than 100 chunks, unparseable or non-object JSON. The deployment fails and the module's settings cannot be analyzed. Chunks over 512 characters or more than 8 chunks are tooling warnings (LOW).",
                "Regenerate createOptions with iotedgedev/VS Code, or split the JSON into createOptions, createOptions01, ... of at most 512 characters.",
                "Azure/iotedge JsonEx.ChunkedValue", "Azure/iotedgedev deploymentmanifest.py");
    }

    @Override
    protected void checkModule(RuleContext ctx, ModuleSpec m) {
        for (CreateOptions.Problem p : m.createOptions().problems()) {
            Severity sev = p.warning() ? LOW : HIGH;
            String msg = Checks.who(m) + ": " + p.message() + ".";
            if (p.optionsOffset() >= 0) {
                Location loc = ctx.manifest().locateOptionsOffset(m, p.optionsOffset());
                ctx.reportAt(this, sev, m, loc, p.message(), msg);
            } else {
                ctx.report(this, sev, m, p.node(), msg);
            }
        }
    }
}
