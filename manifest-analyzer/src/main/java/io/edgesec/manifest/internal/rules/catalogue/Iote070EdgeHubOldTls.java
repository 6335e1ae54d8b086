package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-070: edgeHub SslProtocols allows TLS 1.0/1.1. */
public final class Iote070EdgeHubOldTls extends ModuleRule {
    private static final Set<String> OLD = Set.of("tls", "tls1", "tls10", "tls1.0", "tls11", "tls1.1", "ssl3", "ssl2");

    public Iote070EdgeHubOldTls() {
        super("IOTE-070", "EdgeHubOldTls", HIGH, "edgeHub allows TLS 1.0/1.1",
                "edgeHub's SslProtocols enables TLS 1.0 or 1.1 for downstream devices and modules. HIGH on edgeHub images before 1.5 (or unknown), INFO on newer images, which accept only TLS 1.2/1.3 (Azure/iotedge PR #7173).",
                "Remove SslProtocols or set it to tls1.2,tls1.3.",
                "Azure/iotedge doc/EnvironmentVariables.md", "https://learn.microsoft.com/azure/iot-edge/production-checklist");
    }

    @Override
    protected void checkModule(RuleContext ctx, ModuleSpec m) {
        if (!m.isEdgeHub()) {
            return;
        }
        EnvVar v = m.envVar("SslProtocols");
        if (v == null) {
            return;
        }
        for (String p : v.value().toLowerCase(Locale.ROOT).split("[,;\\s]+")) {
            if (OLD.contains(p.trim())) {
                String tag = m.image() == null ? null : ImageRef.parse(m.image()).tag();
                boolean newer = tag != null && !Placeholders.contains(tag) && tag.matches("1\\.([5-9]|\\d{2,}).*");
                ctx.report(this, newer ? INFO : HIGH, m, v.node(), "edgeHub SslProtocols enables " + p.trim() + (newer ? " (ignored by edgeHub " + tag + ")." : "."));
                return;
            }
        }
    }
}
