package io.edgesec.collector.system.internal.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** iptables-save and nft -j text the namespaces of FirewallNamespaceTest do not produce. */
class ParsersTest {
    @Test
    void iptablesSaveCommentsGotoUserChainsAndOtherTables() {
        String text = String.join("\n",
                "*nat", ":PREROUTING ACCEPT [0:0]", "-A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.0.2", "COMMIT",
                "*filter", ":INPUT DROP [0:0]", ":DOCKER-USER - [0:0]",
                "-A INPUT -p tcp -m tcp --sport 1024:65535 -m comment --comment \"allow \\\"high\\\" ports\" -j LOG --log-prefix x",
                "-A INPUT -g DOCKER-USER",
                "-A DOCKER-USER -m iprange --src-range 10.0.0.1-10.0.0.9 -j RETURN",
                "-A INPUT -p icmp",
                "-A INPUT -j",
                "COMMIT", "");
        List<String> problems = new ArrayList<>();
        List<FirewallRule> rules = IptablesSaveParser.parse(text, "iptables-legacy", "ipv4", problems::add);
        assertEquals(List.of("iptables-legacy ipv4 line 12: option -j has no value"), problems);
        assertEquals(5, rules.size(), rules.toString());
        FirewallRule log = rules.get(0);
        assertEquals("Other", log.action);
        assertEquals("LOG", log.target);
        assertEquals("1024-65535", log.sourcePort);
        assertEquals("allow \"high\" ports", log.extra.get("Comment"));
        assertEquals("--log-prefix x", log.extra.get("Options"));
        assertEquals("true", rules.get(1).extra.get("Goto"));
        assertEquals("DOCKER-USER", rules.get(2).chain);
        assertEquals("10.0.0.1-10.0.0.9", rules.get(2).sourceAddress);
        assertEquals(null, rules.get(2).direction);
        assertEquals("none", rules.get(3).target);
        FirewallRule policy = rules.get(4);
        assertEquals("INPUT|Deny|4|true", policy.chain + "|" + policy.action + "|" + policy.priority + "|" + policy.policy);
        assertEquals(Map.of("Source", "iptables-legacy", "Family", "ipv4", "Table", "filter", "IsPolicy", "true"),
                policy.payload().get("ExtraDetails"), "a Deny policy needs no Target");
    }

    @Test
    void nftJumpsRangesCtStateNatChainsSkippedAndBadJson() throws Exception {
        String json = """
                {"nftables": [{"metainfo": {"json_schema_version": 1}},
                 {"table": {"family": "ip", "name": "nat", "handle": 1}},
                 {"chain": {"family": "ip", "table": "nat", "name": "pre", "handle": 1, "type": "nat", "hook": "prerouting", "prio": -100, "policy": "accept"}},
                 {"rule": {"family": "ip", "table": "nat", "chain": "pre", "handle": 2, "expr": [{"masquerade": null}]}},
                 {"chain": {"family": "inet", "table": "t", "name": "out", "handle": 3, "type": "filter", "hook": "output", "prio": 0}},
                 {"chain": {"family": "inet", "table": "t", "name": "mine", "handle": 4}},
                 {"rule": {"family": "inet", "table": "t", "chain": "out", "handle": 5, "comment": "x", "expr": [
                   {"match": {"op": "in", "left": {"ct": {"key": "state"}}, "right": ["established", "related"]}}, {"accept": null}]}},
                 {"rule": {"family": "inet", "table": "t", "chain": "out", "handle": 6, "expr": [
                   {"match": {"op": "!=", "left": {"payload": {"protocol": "ip", "field": "daddr"}}, "right": {"range": ["10.0.0.1", "10.0.0.20"]}}},
                   {"match": {"op": "==", "left": {"payload": {"protocol": "th", "field": "dport"}}, "right": {"set": [53, {"range": [1000, 2000]}]}}},
                   {"jump": {"target": "mine"}}]}},
                 {"rule": {"family": "inet", "table": "t", "chain": "mine", "handle": 7, "expr": [{"limit": {"rate": 5}}, {"drop": null}]}},
                 {"rule": {"family": "arp", "table": "a", "chain": "c", "handle": 8, "expr": [{"accept": null}]}}]}
                """;
        List<FirewallRule> rules = NftJsonParser.parse(json, t -> false, p -> { });
        assertEquals(4, rules.size(), rules.toString());
        assertEquals("established,related", rules.get(0).extra.get("State"));
        assertEquals("x", rules.get(0).extra.get("Comment"));
        FirewallRule jump = rules.get(1);
        assertEquals("Other|jump mine|!10.0.0.1-10.0.0.20|53,1000-2000|null", jump.action + "|" + jump.target + "|" + jump.destinationAddress
                + "|" + jump.destinationPort + "|" + jump.protocol);
        assertEquals("Deny", rules.get(2).action);
        assertEquals("{\"limit\":{\"rate\":5}}", rules.get(2).extra.get("Options"));
        assertEquals("out|Out|Allow|true|3", rules.get(3).chain + "|" + rules.get(3).direction + "|" + rules.get(3).action + "|"
                + rules.get(3).policy + "|" + rules.get(3).priority);
        assertThrows(io.edgesec.support.json.JsonDocumentException.class, () -> NftJsonParser.parse("{\"x\": 1}", t -> false, p -> { }));
    }

    @Test
    void wideAddressesAndPorts() {
        assertEquals(List.of(true, true, true, false, true, false, true),
                List.of(FirewallRecommendations.wideAddress(null, false), FirewallRecommendations.wideAddress("0.0.0.0/0", false),
                        FirewallRecommendations.wideAddress("10.0.0.0/8", false), FirewallRecommendations.wideAddress("10.1.0.0/16", false),
                        FirewallRecommendations.wideAddress("!10.1.2.3", false), FirewallRecommendations.wideAddress("2001:db8:1::/48", true),
                        FirewallRecommendations.wideAddress("2001:db8::/32", true)));
        assertEquals(List.of(true, false, false, true, true),
                List.of(FirewallRecommendations.widePort(null), FirewallRecommendations.widePort("22,80"),
                        FirewallRecommendations.widePort("5000-6000"), FirewallRecommendations.widePort("5000-9000"),
                        FirewallRecommendations.widePort("!22")));
    }
}
