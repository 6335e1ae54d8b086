package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** Base of the image rules: runs {@link #checkImage} for each module with an evaluable image. */
abstract class ImageRule extends ModuleRule {
    ImageRule(String id, String name, Severity sev, String title, String description, String remediation, String... refs) {
        super(id, name, sev, title, description, remediation, refs);
    }

    @Override
    protected void checkModule(RuleContext ctx, ModuleSpec m) {
        JsonNode n = m.imageNode();
        if (n == null || !n.isString() || n.asString().isBlank()) {
            return;
        }
        checkImage(ctx, m, n, ImageRef.parse(n.asString()));
    }

    abstract void checkImage(RuleContext ctx, ModuleSpec m, JsonNode node, ImageRef ref);
}
