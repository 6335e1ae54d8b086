package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-060: literal registry password. */
public final class Iote060PlaintextRegistryPassword extends AbstractRule {
    public Iote060PlaintextRegistryPassword() {
        super("IOTE-060", "PlaintextRegistryPassword", HIGH, "Plaintext registry password",
                "A registry password is written in the manifest (it is plaintext by design in the twin); anyone who can read the deployment can pull, and with an admin credential push, images.",
                "Use a placeholder filled at release time, and a repository-scoped token or service principal with acrPull; disable the ACR admin user.",
                "https://learn.microsoft.com/azure/iot-edge/production-checklist", "CIS Docker 1.6.0 4.10", "DS-0031");
    }

    @Override
    public void check(RuleContext ctx) {
        for (RegistryCredentials.Entry c : RegistryCredentials.entries(ctx.manifest())) {
            JsonNode p = c.value().get("password");
            if (p != null && p.kind() != JsonNode.Kind.NULL && Checks.literal(p.asText())) {
                ctx.report(this, null, p, "Registry credentials '" + c.name() + "' contain a literal password (" + Checks.mask(p.asText()) + ").");
            }
        }
    }
}
