package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-053: edgeAgent/edgeHub image 1.0..1.4. */
public final class Iote053OutOfSupportRuntime extends ImageRule {
    private static final java.util.regex.Pattern OLD = java.util.regex.Pattern.compile("1\\.[0-4](\\D.*)?");

    public Iote053OutOfSupportRuntime() {
        super("IOTE-053", "OutOfSupportRuntime", MEDIUM, "Out-of-support IoT Edge runtime",
                "The edgeAgent/edgeHub image is IoT Edge 1.0-1.4, which no longer receives security fixes (1.4 reached end of life on 12 Nov 2024; 1.5 is the supported LTS).",
                "Move the runtime (and the system module images) to IoT Edge 1.5.",
                "https://learn.microsoft.com/azure/iot-edge/version-history");
    }

    @Override
    void checkImage(RuleContext ctx, ModuleSpec m, JsonNode node, ImageRef ref) {
        if (!m.system() || ref.tag() == null || Placeholders.contains(ref.tag())) {
            return;
        }
        if (OLD.matcher(ref.tag()).matches()) {
            ctx.report(this, m, node, Checks.who(m) + " runs out-of-support IoT Edge " + ref.tag() + ".");
        }
    }
}
