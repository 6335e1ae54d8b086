package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** Reads {@code $edgeAgent.runtime.settings.registryCredentials} (layered path-keys merged). */
final class RegistryCredentials {
    private RegistryCredentials() {
    }

    /** One entry: its name and its object ({@code address}, {@code username}, {@code password}). */
    record Entry(String name, JObject value) {
    }

    /** @return the entries that are objects, in the manifest's order; none without registryCredentials */
    static List<Entry> entries(Manifest m) {
        JObject d = m.agentDesired();
        JsonNode n = d == null ? null : d.path("runtime", "settings", "registryCredentials");
        JObject creds = n == null ? null : n.asObject();
        if (creds == null) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (JObject.Member c : creds.effectiveMembers()) {
            JObject o = c.value().asObject();
            if (o != null) {
                entries.add(new Entry(c.name(), o));
            }
        }
        return entries;
    }
}
