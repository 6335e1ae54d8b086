package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-011: NET_RAW explicitly added. */
public final class Iote011NetRawAdded extends OptionsRule {
    public Iote011NetRawAdded() {
        super("IOTE-011", "NetRawAdded", LOW, "NET_RAW explicitly added",
                "NET_RAW allows crafting raw packets (spoofing, ARP poisoning). It is a Docker default, but adding it explicitly keeps it even where the runtime drops it.",
                "Remove NET_RAW from CapAdd and add it to CapDrop unless raw sockets are required.",
                "CKV_K8S_28", "CKV_K8S_7", "KSV-0119");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (JsonNode n : Checks.strings(hc, "CapAdd")) {
            if (Checks.capability(n.asString()).equals("NET_RAW")) {
                ctx.report(this, m, n, Checks.who(m) + " explicitly adds NET_RAW.");
            }
        }
    }
}
