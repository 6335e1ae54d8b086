package io.edgesec.collector.system.internal.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.system.internal.host.Tool;
import io.edgesec.collector.system.internal.testing.NetNs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real rules in network namespaces this test creates: iptables-legacy, iptables-nft and native
 * nftables, each read back through the collector run inside the namespace.
 */
class FirewallNamespaceTest {
    private NetNs ns;

    @BeforeEach
    void create() throws Exception {
        ns = new NetNs();
    }

    @AfterEach
    void delete() throws Exception {
        ns.close();
    }

    private FirewallCollector collector(List<String> extraPrefix) {
        List<String> prefix = new ArrayList<>(ns.prefix());
        prefix.addAll(extraPrefix);
        return new FirewallCollector(new FirewallReader(new Tool(prefix, Duration.ofSeconds(60))), true);
    }

    /** "chain|action|protocol|src|sport|dst|dport|source|family|priority" of every rule or policy. */
    private static List<String> rows(SecurityEvent fw) {
        return fw.payload().stream().map(p -> {
            Map<?, ?> x = (Map<?, ?>) p.get("ExtraDetails");
            return p.get("ChainName") + "|" + p.get("Direction") + "|" + p.get("Action") + "|" + p.get("Protocol") + "|"
                    + p.get("SourceAddress") + "|" + p.get("DestinationPort") + "|" + x.get("Source") + "|" + x.get("Family") + "|"
                    + p.get("Priority") + (x.containsKey("IsPolicy") ? "|policy" : "");
        }).toList();
    }

    private static List<String> recommendations(List<SecurityEvent> events) {
        return events.stream().filter(e -> e.name().equals(EventNames.RECOMMENDATION))
                .map(e -> e.payload().get(0).get("RecommendationType") + " " + e.payload().get(0).get("RecommendationAdditionalData"))
                .toList();
    }

    @Test
    void iptablesLegacyIpv4AndIpv6() throws Exception {
        ns.exec("iptables-legacy", "-P", "INPUT", "DROP");
        ns.exec("iptables-legacy", "-A", "INPUT", "-i", "lo", "-j", "ACCEPT");
        ns.exec("iptables-legacy", "-A", "INPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT");
        ns.exec("iptables-legacy", "-A", "INPUT", "-s", "10.1.0.0/16", "-p", "tcp", "--dport", "22", "-j", "ACCEPT");
        ns.exec("iptables-legacy", "-A", "INPUT", "-p", "tcp", "--dport", "1337", "-j", "ACCEPT");
        ns.exec("ip6tables-legacy", "-P", "INPUT", "DROP");
        ns.exec("ip6tables-legacy", "-A", "INPUT", "-p", "udp", "--dport", "5000:9000", "-j", "ACCEPT");
        ns.exec("ip6tables-legacy", "-A", "OUTPUT", "-d", "2001:db8::/32", "-j", "REJECT");
        FirewallCollector c = collector(List.of());
        List<SecurityEvent> events = c.collect();
        SecurityEvent fw = events.get(0);
        assertEquals(EventNames.FIREWALL_CONFIGURATION, fw.name());
        assertEquals(List.of(
                "INPUT|In|Allow|null|null|null|iptables-legacy|ipv4|1",
                "INPUT|In|Allow|null|null|null|iptables-legacy|ipv4|2",
                "INPUT|In|Allow|TCP|10.1.0.0/16|22|iptables-legacy|ipv4|3",
                "INPUT|In|Allow|TCP|null|1337|iptables-legacy|ipv4|4",
                "INPUT|In|Deny|null|null|null|iptables-legacy|ipv4|5|policy",
                "FORWARD|null|Allow|null|null|null|iptables-legacy|ipv4|1|policy",
                "OUTPUT|Out|Allow|null|null|null|iptables-legacy|ipv4|1|policy",
                "INPUT|In|Allow|UDP|null|5000-9000|iptables-legacy|ipv6|1",
                "OUTPUT|Out|Deny|null|null|null|iptables-legacy|ipv6|1",
                "INPUT|In|Deny|null|null|null|iptables-legacy|ipv6|2|policy",
                "FORWARD|null|Allow|null|null|null|iptables-legacy|ipv6|1|policy",
                "OUTPUT|Out|Allow|null|null|null|iptables-legacy|ipv6|2|policy"), rows(fw));
        Map<?, ?> lo = (Map<?, ?>) fw.payload().get(0).get("ExtraDetails");
        assertEquals("lo", lo.get("InInterface"));
        assertEquals("2001:db8::/32", fw.payload().get(8).get("DestinationAddress"));
        assertEquals(List.of(
                "IoT_PermissiveFirewallPolicy {ChainName=OUTPUT, Direction=Out, Policy=ACCEPT, Source=iptables-legacy, Family=ipv4, Table=filter}",
                "IoT_PermissiveFirewallPolicy {ChainName=OUTPUT, Direction=Out, Policy=ACCEPT, Source=iptables-legacy, Family=ipv6, Table=filter}",
                "IoT_PermissiveInputFirewallRules {Rules=[{\"SourceAddress\":\"\",\"SourcePort\":\"\",\"DestinationAddress\":\"\","
                        + "\"DestinationPort\":\"1337\",\"Protocol\":\"TCP\",\"ChainName\":\"INPUT\",\"Source\":\"iptables-legacy\",\"Family\":\"ipv4\"},"
                        + "{\"SourceAddress\":\"\",\"SourcePort\":\"\",\"DestinationAddress\":\"\",\"DestinationPort\":\"5000-9000\",\"Protocol\":\"UDP\","
                        + "\"ChainName\":\"INPUT\",\"Source\":\"iptables-legacy\",\"Family\":\"ipv6\"}]}"), recommendations(events));
        assertEquals(List.of(), recommendations(c.collect()), "the same findings are not raised again");
        ns.exec("iptables-legacy", "-A", "OUTPUT", "-p", "tcp", "--dport", "443", "-j", "ACCEPT");
        List<String> after = recommendations(c.collect());
        assertEquals(1, after.size(), after.toString());
        assertTrue(after.get(0).startsWith("IoT_PermissiveOutputFirewallRules {Rules=[{\"SourceAddress\":\"\",\"SourcePort\":\"\",\"DestinationAddress\":\"\",\"DestinationPort\":\"443\""), after.get(0));
    }

    @Test
    void iptablesNftIsReportedOnceNotAgainAsNftables() throws Exception {
        ns.exec("iptables-nft", "-P", "INPUT", "DROP");
        ns.exec("iptables-nft", "-A", "INPUT", "-s", "10.20.0.0/16", "-p", "tcp", "-m", "multiport", "--dports", "22,80", "-j", "ACCEPT");
        ns.exec("iptables-nft", "-A", "INPUT", "!", "-s", "192.168.0.0/24", "-p", "tcp", "--dport", "8080", "-j", "DROP");
        List<SecurityEvent> events = collector(List.of()).collect();
        assertEquals(List.of(
                "INPUT|In|Allow|TCP|10.20.0.0/16|22,80|iptables-nft|ipv4|1",
                "INPUT|In|Deny|TCP|!192.168.0.0/24|8080|iptables-nft|ipv4|2",
                "INPUT|In|Deny|null|null|null|iptables-nft|ipv4|3|policy",
                "FORWARD|null|Allow|null|null|null|iptables-nft|ipv4|1|policy",
                "OUTPUT|Out|Allow|null|null|null|iptables-nft|ipv4|1|policy"), rows(events.get(0)));
        assertEquals(List.of(
                "IoT_PermissiveFirewallPolicy {ChainName=OUTPUT, Direction=Out, Policy=ACCEPT, Source=iptables-nft, Family=ipv4, Table=filter}"),
                recommendations(events));
    }

    @Test
    void nativeNftablesInetTable() throws Exception {
        ns.exec("nft", "add", "table", "inet", "edge");
        ns.exec("nft", "add", "chain", "inet", "edge", "input", "{", "type", "filter", "hook", "input", "priority", "0", ";", "policy", "drop", ";", "}");
        ns.exec("nft", "add", "chain", "inet", "edge", "output", "{", "type", "filter", "hook", "output", "priority", "0", ";", "policy", "accept", ";", "}");
        ns.exec("nft", "add", "rule", "inet", "edge", "input", "iifname", "lo", "accept");
        ns.exec("nft", "add", "rule", "inet", "edge", "input", "ip", "saddr", "192.168.1.0/24", "tcp", "dport", "8883", "accept");
        ns.exec("nft", "add", "rule", "inet", "edge", "input", "tcp", "dport", "{", "80,", "443", "}", "counter", "accept");
        ns.exec("nft", "add", "rule", "inet", "edge", "input", "ip6", "saddr", "fe80::/10", "udp", "dport", "546-547", "accept");
        List<SecurityEvent> events = collector(List.of()).collect();
        assertEquals(List.of(
                "input|In|Allow|null|null|null|nftables|inet|1",
                "input|In|Allow|TCP|192.168.1.0/24|8883|nftables|inet|2",
                "input|In|Allow|TCP|null|80,443|nftables|inet|3",
                "input|In|Allow|UDP|fe80::/10|546-547|nftables|inet|4",
                "input|In|Deny|null|null|null|nftables|inet|5|policy",
                "output|Out|Allow|null|null|null|nftables|inet|1|policy"), rows(events.get(0)));
        List<String> recs = recommendations(events);
        assertEquals(2, recs.size(), recs.toString());
        assertEquals("IoT_PermissiveFirewallPolicy {ChainName=output, Direction=Out, Policy=accept, Source=nftables, Family=inet, Table=edge}", recs.get(0));
        assertTrue(recs.get(1).startsWith("IoT_PermissiveInputFirewallRules {Rules=[{\"SourceAddress\":\"\",\"SourcePort\":\"\",\"DestinationAddress\":\"\",\"DestinationPort\":\"80,443\""), recs.get(1));
        assertFalse(recs.get(1).contains("8883"), "a /24 source on one port is not permissive");
    }

    @Test
    void withoutCapNetAdminTheCollectorSaysSoInsteadOfSendingAnEmptyFirewall() throws Exception {
        ns.exec("iptables-legacy", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT");
        List<SecurityEvent> events = collector(List.of("/usr/bin/setpriv", "--bounding-set", "-net_admin", "--inh-caps", "-net_admin", "--")).collect();
        assertEquals(1, events.size(), events.toString());
        assertEquals(EventNames.COLLECTOR_STATUS, events.get(0).name());
        String json = events.get(0).toJson();
        assertTrue(json.contains("\"Status\":\"PermissionDenied\"") && json.contains("lacks CAP_NET_ADMIN") && json.contains("\"Severity\":\"Error\""), json);
    }

    @Test
    void noToolsIsSaidAlongsideTheEmptyEvent() {
        List<SecurityEvent> events = new FirewallCollector(new FirewallReader(new Tool(ns.prefix(), Duration.ofSeconds(60)), name -> null), true)
                .collect();
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(0).isEmpty());
        assertTrue(events.get(1).toJson().contains("no firewall tool"), events.get(1).toJson());
    }

    @Test
    void anEmptyNamespaceHasNoRulesAndNoFindings() throws Exception {
        List<SecurityEvent> events = collector(List.of()).collect();
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).isEmpty());
    }
}
