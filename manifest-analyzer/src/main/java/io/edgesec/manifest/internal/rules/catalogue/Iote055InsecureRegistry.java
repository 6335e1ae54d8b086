package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-055: plain-HTTP, localhost or bare-IP registry. */
public final class Iote055InsecureRegistry extends AbstractRule {
    private static final java.util.regex.Pattern INSECURE = java.util.regex.Pattern.compile(
            "(?i)^(http://.*|localhost(:\\d+)?|127\\.\\d+\\.\\d+\\.\\d+(:\\d+)?|\\d+\\.\\d+\\.\\d+\\.\\d+(:\\d+)?|\\[[0-9a-f:]+\\](:\\d+)?)(/.*)?$");

    public Iote055InsecureRegistry() {
        super("IOTE-055", "InsecureRegistry", MEDIUM, "Insecure / plain-HTTP / local registry",
                "Images or credentials point at a plain-HTTP, localhost or bare-IP registry, typically an insecure (non-TLS) registry.",
                "Use a TLS registry with a DNS name and certificate.",
                "CIS Docker 1.6.0 2.5");
    }

    @Override
    public void check(RuleContext ctx) {
        for (ModuleSpec m : ctx.manifest().modules()) {
            JsonNode n = m.imageNode();
            if (n != null && n.isString()) {
                ImageRef ref = ImageRef.parse(n.asString());
                if (!ref.upstream() && !"docker.io".equals(ref.registry()) && INSECURE.matcher(ref.registry()).matches()) {
                    ctx.report(this, m, n, Checks.who(m) + " pulls from insecure registry " + ref.registry() + ".");
                }
            }
        }
        for (RegistryCredentials.Entry c : RegistryCredentials.entries(ctx.manifest())) {
            JsonNode a = c.value().get("address");
            if (a != null && a.isString() && INSECURE.matcher(a.asString().trim()).matches()) {
                ctx.report(this, null, a, "Registry credentials '" + c.name() + "' point at insecure registry " + a.asString() + ".");
            }
        }
    }
}
