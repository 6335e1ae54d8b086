package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-082: no integrity section. */
public final class Iote082ManifestNotSigned extends AbstractRule {
    public Iote082ManifestNotSigned() {
        super("IOTE-082", "ManifestNotSigned", INFO, "Manifest not signed",
                "The deployment has no integrity section, so the device cannot verify that the manifest was not altered between signing and deployment.",
                "Sign the deployment manifest (IoT Edge manifest signing) and enable verification on the device.",
                "https://learn.microsoft.com/azure/iot-edge/how-to-verify-manifest-signing");
    }

    @Override
    public void check(RuleContext ctx) {
        Manifest m = ctx.manifest();
        if (m.layered()) {
            return;
        }
        boolean signed = (m.agentDesired() != null && m.agentDesired().get("integrity") != null)
                || (m.hubDesired() != null && m.hubDesired().get("integrity") != null);
        JsonNode at = m.agentTwin() != null ? m.agentTwin() : m.hubTwin();
        if (!signed && at != null) {
            ctx.report(this, null, at, "The deployment manifest is not signed (no integrity section).");
        }
    }
}
