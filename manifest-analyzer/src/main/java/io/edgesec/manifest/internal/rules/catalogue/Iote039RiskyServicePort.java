package io.edgesec.manifest.internal.rules.catalogue;

import static io.edgesec.manifest.internal.rules.Severity.*;

import io.edgesec.manifest.internal.json.*;
import io.edgesec.manifest.internal.model.*;
import io.edgesec.manifest.internal.rules.*;
import java.util.*;

/** IOTE-039: risky service port published. */
public final class Iote039RiskyServicePort extends OptionsRule {
    private static final Map<Integer, String> RISKY = Map.ofEntries(Map.entry(22, "SSH"), Map.entry(23, "Telnet"),
            Map.entry(2375, "Docker API (plain)"), Map.entry(2376, "Docker API"), Map.entry(3389, "RDP"), Map.entry(5900, "VNC"),
            Map.entry(1883, "plain MQTT"), Map.entry(6379, "Redis"), Map.entry(27017, "MongoDB"), Map.entry(8086, "InfluxDB"),
            Map.entry(3000, "Grafana/dev server"), Map.entry(5000, "Docker registry"));

    public Iote039RiskyServicePort() {
        super("IOTE-039", "RiskyServicePort", MEDIUM, "Risky service port exposed",
                "A port of a remote-administration, unauthenticated datastore or plain-text protocol is published (HIGH for the plain Docker API 2375). Bindings to loopback or the docker0 gateway 172.17.0.1 are not reported.",
                "Do not publish administration or datastore ports; keep them on the module network or bind them to localhost.",
                "CIS Docker 1.6.0 5.7", "CIS Docker 1.6.0 5.9", "CKV_DOCKER_1", "DS-0004");
    }

    /** Loopback and the docker0 gateway (172.17.0.1) are reachable from the device only. */
    static boolean hostLocal(String ip) {
        String s = ip.trim();
        return s.startsWith("127.") || s.equals("::1") || s.equals("[::1]") || s.equalsIgnoreCase("localhost") || s.equals("172.17.0.1");
    }

    @Override
    protected void checkOptions(RuleContext ctx, ModuleSpec m, JObject o, JObject hc) {
        for (Port p : Port.of(hc)) {
            int hp = p.effectiveHostPort();
            if (ctx.settings().expectedPort(m.name(), hp) || hostLocal(p.hostIp())) {
                continue;
            }
            Integer risky = RISKY.containsKey(hp) ? Integer.valueOf(hp) : RISKY.containsKey(p.containerPort()) ? Integer.valueOf(p.containerPort()) : null;
            if (risky != null) {
                ctx.report(this, risky == 2375 ? HIGH : MEDIUM, m, p.node(), Checks.who(m) + " publishes " + RISKY.get(risky) + " port " + risky + " (host port " + hp + ").");
            }
        }
    }
}
