package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-065: secret in a module twin's desired properties. */
public final class Iote065SecretInModuleTwin extends AbstractRule {
    public Iote065SecretInModuleTwin() {
        super("IOTE-065", "SecretInModuleTwin", HIGH, "Secret in module twin desired properties",
                "A module twin desired property looks like a secret; twins are readable by every back-end service with registry read access. Literal values HIGH, placeholders INFO.",
                "Keep secrets out of the twin; provision them to the device or use the module identity.",
                "CKV_K8S_35", "DS-0031");
    }

    @Override
    public void check(RuleContext ctx) {
        for (Map.Entry<String, JObject> e : ctx.manifest().moduleTwins().entrySet()) {
            ModuleSpec mod = ctx.manifest().module(e.getKey());
            walk(ctx, mod, e.getKey(), e.getValue());
        }
    }

    private void walk(RuleContext ctx, ModuleSpec mod, String twin, JObject o) {
        for (JObject.Member m : o.effectiveMembers()) {
            JsonNode v = m.value();
            if (v.asObject() != null) {
                walk(ctx, mod, twin, v.asObject());
            } else if (v.asArray() == null && Checks.secretLike(m.name(), v.asString())) {
                String text = v.asText();
                boolean literal = v.kind() != JsonNode.Kind.NULL && Checks.literal(text);
                ctx.report(this, literal ? HIGH : INFO, mod, v, "Module twin '" + twin + "' desired property " + m.name()
                        + (literal ? " holds a literal secret (" + Checks.mask(text) + ")." : " is a secret slot (placeholder or empty)."));
            }
        }
    }
}
