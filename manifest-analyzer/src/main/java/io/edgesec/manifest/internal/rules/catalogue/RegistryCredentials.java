package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** Finds {@code $edgeAgent.runtime.settings.registryCredentials} (layered path-keys merged). */
final class RegistryCredentials {
    private RegistryCredentials() {
    }

    static JObject of(Manifest m) {
        JObject d = m.agentDesired();
        JsonNode n = d == null ? null : d.path("runtime", "settings", "registryCredentials");
        return n == null ? null : n.asObject();
    }
}
