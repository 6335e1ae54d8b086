package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-054: registry not in the trusted list. */
public final class Iote054UntrustedRegistry extends ImageRule {
    public Iote054UntrustedRegistry() {
        super("IOTE-054", "UntrustedRegistry", LOW, "Untrusted or public registry",
                "The image comes from a registry outside the trusted list (default mcr.microsoft.com and *.azurecr.io), e.g. Docker Hub.",
                "Mirror the image into your private registry; add trusted registries to the trustedRegistries setting.",
                "KSV-0125", "KSV-0032", "KSV-0034", "hadolint DL3026", "CIS Docker 1.6.0 4.2",
                "https://learn.microsoft.com/azure/iot-edge/production-checklist");
    }

    @Override
    void checkImage(RuleContext ctx, ModuleSpec m, JsonNode node, ImageRef ref) {
        if (ref.upstream() || Placeholders.contains(ref.registry()) || Placeholders.isWhole(ref.raw())) {
            return;
        }
        if (!ctx.settings().trustedRegistry(ref.registryHost())) {
            ctx.report(this, m, node, Checks.who(m) + " pulls " + ref.raw() + " from untrusted registry " + ref.registry() + ".");
        }
    }
}
