package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-079: duplicate or case-variant keys in createOptions. */
public final class Iote079DuplicateSecurityKey extends OptionsRule {
    public Iote079DuplicateSecurityKey() {
        super("IOTE-079", "DuplicateSecurityKey", MEDIUM, "Case-variant or duplicate security key",
                "createOptions repeats a key (exactly or in another case). The runtime matches names case-insensitively and uses the last one; a reviewer or another tool may read the first.",
                "Keep one spelling of each key.",
                "https://www.newtonsoft.com/json/help/html/DeserializeObject.htm");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        if (m.createOptions().root() != null) {
            walk(ctx, m, o);
        }
    }

    private void walk(RuleContext ctx, ModuleSpec m, JsonNode n) {
        if (n instanceof JObject obj) {
            for (List<JObject.Member> g : obj.duplicateGroups()) {
                JObject.Member last = g.get(g.size() - 1);
                ctx.report(this, m, last.value(), Checks.who(m) + " createOptions repeats key " + g.stream().map(JObject.Member::name).distinct().toList()
                        + "; the runtime uses the last: " + last.name() + "=" + last.value().asText() + ".");
            }
            for (JObject.Member mem : obj.members()) {
                walk(ctx, m, mem.value());
            }
        } else if (n instanceof JArray a) {
            for (JsonNode i : a.items()) {
                walk(ctx, m, i);
            }
        }
    }
}
