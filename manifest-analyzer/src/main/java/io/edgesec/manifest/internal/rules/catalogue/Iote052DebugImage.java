package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-052: debug image, debug placeholder or debug template file. */
public final class Iote052DebugImage extends AbstractRule {
    private static final java.util.regex.Pattern DEBUG = java.util.regex.Pattern.compile("(?i)[.\\-_]debug\\b");
    private static final java.util.regex.Pattern DEBUG_FILE = java.util.regex.Pattern.compile("(?i)deployment\\.debug\\.");

    public Iote052DebugImage() {
        super("IOTE-052", "DebugImage", MEDIUM, "Debug image or debug template",
                "Debug module images (and deployment.debug templates) include debuggers and open debug ports; they are for development only.",
                "Deploy the release image and the non-debug template; remove debug port options.",
                "https://learn.microsoft.com/azure/iot-edge/production-checklist");
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest mf = ctx.manifest();
        String file = mf.source().replace('\\', '/');
        file = file.substring(file.lastIndexOf('/') + 1);
        if (DEBUG_FILE.matcher(file).find()) {
            ctx.report(this, null, mf.root(), "The manifest is a debug deployment template (" + file + ").");
        }
        for (ModuleSpec m : mf.modules()) {
            JsonNode n = m.imageNode();
            if (n != null && n.isString() && DEBUG.matcher(n.asString()).find()) {
                ctx.report(this, m, n, Checks.who(m) + " uses debug image " + n.asString() + ".");
            }
        }
    }
}
