package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-061: username equals the ACR registry name. */
public final class Iote061AcrAdminCredentials extends AbstractRule {
    public Iote061AcrAdminCredentials() {
        super("IOTE-061", "AcrAdminCredentials", MEDIUM, "Likely ACR admin credentials",
                "The registry username equals the registry name, which is what the ACR admin user looks like: a credential with push rights on every repository.",
                "Disable the admin user; use a repository-scoped token or a service principal with acrPull.",
                "https://learn.microsoft.com/azure/iot-edge/production-checklist");
    }

    @Override
    public void check(RuleContext ctx) {
        for (RegistryCredentials.Entry c : RegistryCredentials.entries(ctx.manifest())) {
            JObject o = c.value();
            String addr = Checks.text(o.get("address"));
            JsonNode u = o.get("username");
            if (addr == null || u == null || !u.isString() || Placeholders.contains(addr) || Placeholders.contains(u.asString())) {
                continue;
            }
            String host = addr.trim().toLowerCase(Locale.ROOT);
            if (host.endsWith(".azurecr.io") && !u.asString().isBlank()
                    && host.substring(0, host.indexOf('.')).equalsIgnoreCase(u.asString().trim())) {
                ctx.report(this, null, u, "Registry credentials '" + c.name() + "' use username '" + u.asString() + "', the ACR admin user of " + addr + ".");
            }
        }
    }
}
