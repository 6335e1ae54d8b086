package io.edgesec.detector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.engine.DetectionEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * IOTA-004 from FirewallConfiguration snapshots (shaped as collector-system's FirewallRule builds
 * them): a table that went from rules to none fires once; changed rules, a DROP policy left
 * behind, a NAT table emptied and a first snapshot that is already empty do not.
 */
class FirewallSnapshotTest {
    private Instant t = Ev.T0;

    private static Map<String, Object> rule(String source, String family, String table, String chain, String action, boolean policy) {
        Map<String, Object> x = Ev.map("Source", source, "Family", family, "Table", table);
        if (policy) {
            x.put("IsPolicy", "true");
        }
        return Ev.map("Enabled", true, "Action", action, "Priority", 1, "Direction", "In", "ChainName", chain,
                "ExtraDetails", x);
    }

    private static Map<String, Object> inputRule(String port) {
        Map<String, Object> r = rule("iptables-legacy", "ipv4", "filter", "INPUT", "Allow", false);
        r.put("Protocol", "TCP");
        r.put("DestinationPort", port);
        return r;
    }

    private static Map<String, Object> acceptPolicy(String chain) {
        return rule("iptables-legacy", "ipv4", "filter", chain, "Allow", true);
    }

    private SecurityEvent snapshot(List<Map<String, Object>> items) {
        t = t.plusSeconds(60);
        return SecurityEvent.builder("FirewallConfiguration").type(EventType.SECURITY).category(EventCategory.PERIODIC)
                .timestamp(t).payloads(new ArrayList<>(items)).build();
    }

    private static Map<?, ?> entities(SecurityEvent alert) {
        return (Map<?, ?>) alert.payload().get(0).get("Entities");
    }

    @Test
    void rulesToNoneFiresOnceNamingTheTableAndStayingEmptyDoesNotFireAgain() {
        SecurityEvent before = snapshot(List.of(inputRule("22"), inputRule("8883"), acceptPolicy("INPUT")));
        SecurityEvent empty = snapshot(List.of());
        List<SecurityEvent> alerts = Detect.alerts(Detect.engine(Map.of()), List.of(before, before, empty, snapshot(List.of()), snapshot(List.of())));
        assertEquals(1, alerts.size(), alerts.toString());
        Map<String, Object> p = alerts.get(0).payload().get(0);
        assertEquals("IOTA-004", p.get("AlertId"));
        assertEquals("iptables-legacy ipv4 filter", entities(alerts.get(0)).get("Firewall"));
        assertEquals("2", entities(alerts.get(0)).get("RulesBefore"));
        assertEquals(List.of(empty.id()), p.get("EvidenceEventIds"), "the empty snapshot is the evidence");
    }

    @Test
    void aFlushThatLeavesOnlyAcceptPoliciesIsNoneButADropPolicyLeftBehindIsStillAFirewall() {
        SecurityEvent rules = snapshot(List.of(inputRule("22"), acceptPolicy("INPUT"), acceptPolicy("OUTPUT")));
        SecurityEvent flushed = snapshot(List.of(acceptPolicy("INPUT"), acceptPolicy("OUTPUT")));
        assertEquals(java.util.Set.of("IOTA-004"), Detect.ids(Detect.alerts(Detect.engine(Map.of()), List.of(rules, flushed))));
        SecurityEvent dropPolicy = snapshot(List.of(inputRule("22"), rule("iptables-legacy", "ipv4", "filter", "INPUT", "Deny", true)));
        SecurityEvent flushedKeepingDrop = snapshot(List.of(rule("iptables-legacy", "ipv4", "filter", "INPUT", "Deny", true)));
        assertEquals(List.of(), Detect.alerts(Detect.engine(Map.of()), List.of(dropPolicy, flushedKeepingDrop)), "INPUT still drops");
    }

    @Test
    void nearMissesChangedRulesANatTableEmptiedAndAFirstSnapshotAlreadyEmpty() {
        List<SecurityEvent> changed = List.of(snapshot(List.of(inputRule("22"), inputRule("80"))), snapshot(List.of(inputRule("443"))));
        assertEquals(List.of(), Detect.alerts(Detect.engine(Map.of()), changed), "rules changed, not gone");
        Map<String, Object> dnat = rule("iptables-legacy", "ipv4", "nat", "PREROUTING", "Other", false);
        List<SecurityEvent> nat = List.of(snapshot(List.of(inputRule("22"), dnat)), snapshot(List.of(inputRule("22"))));
        assertEquals(List.of(), Detect.alerts(Detect.engine(Map.of()), nat), "a NAT table emptied stops forwarding, it opens nothing");
        assertEquals(List.of(), Detect.alerts(Detect.engine(Map.of()), List.of(snapshot(List.of()), snapshot(List.of()))),
                "no 'before': an empty first snapshot is not a firewall disabled");
        List<SecurityEvent> oneOfTwo = List.of(snapshot(List.of(inputRule("22"), rule("nftables", "inet", "edge", "input", "Allow", false))),
                snapshot(List.of(rule("nftables", "inet", "edge", "input", "Allow", false))));
        List<SecurityEvent> alerts = Detect.alerts(Detect.engine(Map.of()), oneOfTwo);
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals("iptables-legacy ipv4 filter", entities(alerts.get(0)).get("Firewall"), "per table: the other one keeps its rules");
    }

    @Test
    void theLastSnapshotSurvivesARestartSoAFlushWhileTheAgentWasDownIsSeen() throws Exception {
        DetectionEngine first = Detect.engine(Map.of());
        Detect.alerts(first, List.of(snapshot(List.of(inputRule("22")))));
        Map<String, List<Map<String, Object>>> saved = first.stateSnapshot();
        String json = io.edgesec.support.json.JsonText.write(saved); // as EngineState writes it
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> read = (Map<String, List<Map<String, Object>>>) (Map<?, ?>)
                io.edgesec.support.json.JsonDocuments.object(json);
        DetectionEngine second = Detect.engine(Map.of());
        second.restoreState(read, t.plusSeconds(86_400)); // a day later: the "before" has no window
        assertEquals(java.util.Set.of("IOTA-004"), Detect.ids(Detect.alerts(second, List.of(snapshot(List.of())))));
    }

    @Test
    void stateIsBoundedUnderAFloodOfTables() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(rule("nftables", "inet", "t" + i, "input", "Allow", false));
        }
        DetectionEngine e = Detect.engine(Map.of());
        Detect.alerts(e, List.of(snapshot(many)));
        assertTrue(e.counters().get("StatefulEvictions") >= 1000 - 256, e.counters().toString());
        assertTrue(e.stateSnapshot().get("firewallTables").size() <= 256);
    }

    @Test
    void aUserRuleCanJudgeEachFirewallRuleOfASnapshot() {
        String rules = """
                {"version": 1, "alerts": {"IOTA-C-TelnetOpen": {"name": "Telnet allowed", "severity": "Medium"}},
                 "rules": [{"id": "telnet-open", "alert": "IOTA-C-TelnetOpen", "on": "FirewallConfiguration",
                   "fields": {"Action": "^Allow$", "DestinationPort": "^23$"}, "key": ["ChainName"],
                   "description": "the firewall allows telnet in {ChainName}"}]}
                """;
        DetectionEngine e = Detect.engine(Map.of("rules", rules));
        assertEquals(java.util.Set.of("IOTA-C-TelnetOpen"), Detect.ids(Detect.alerts(e, List.of(snapshot(List.of(inputRule("22"), inputRule("23")))))));
        DetectionEngine quiet = Detect.engine(Map.of("rules", rules));
        assertEquals(List.of(), Detect.alerts(quiet, List.of(snapshot(List.of(inputRule("22"))))));
    }
}
