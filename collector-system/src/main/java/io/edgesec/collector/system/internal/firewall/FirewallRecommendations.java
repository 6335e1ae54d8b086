package io.edgesec.collector.system.internal.firewall;

import io.edgesec.support.json.JsonText;
import io.edgesec.collector.system.internal.recommend.Recommendation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IoT_PermissiveFirewallPolicy, IoT_PermissiveInputFirewallRules and
 * IoT_PermissiveOutputFirewallRules from the rules in force.
 *
 * <p>A rule is permissive when it accepts traffic from (input) or to (output) a wide range of
 * addresses or ports: any address, a negated address, a prefix shorter than /16 (IPv4) or /48
 * (IPv6), or any port / a negated port / a range of more than 1024 ports. Rules that only accept
 * loopback traffic or packets of established connections are the usual hardening idiom and are
 * not findings.
 */
public final class FirewallRecommendations {
    public static final String POLICY = "IoT_PermissiveFirewallPolicy";
    public static final String INPUT = "IoT_PermissiveInputFirewallRules";
    public static final String OUTPUT = "IoT_PermissiveOutputFirewallRules";

    private FirewallRecommendations() {
    }

    public static List<Recommendation> policies(List<FirewallRule> rules) {
        List<Recommendation> out = new ArrayList<>();
        for (FirewallRule r : rules) {
            if (r.policy && (r.isInput() || r.isOutput()) && "Allow".equals(r.action)) {
                Map<String, String> data = new LinkedHashMap<>();
                data.put("ChainName", r.chain);
                data.put("Direction", r.direction);
                data.put("Policy", r.target);
                data.put("Source", r.source);
                data.put("Family", r.family);
                data.put("Table", r.table);
                out.add(new Recommendation(POLICY, r.source + "|" + r.family + "|" + r.table + "|" + r.chain, "Medium",
                        "Permissive firewall policy found in one of the chains",
                        "The default policy of the " + r.chain + " chain (" + r.source + ", " + r.family + ") is " + r.target
                                + ": traffic no rule matches is allowed.",
                        "Set the chain's default policy to DROP and allow only the traffic the device needs.", data));
            }
        }
        return out;
    }

    public static List<Recommendation> rules(List<FirewallRule> rules, boolean input) {
        List<Map<String, String>> found = new ArrayList<>();
        for (FirewallRule r : rules) {
            if (r.policy || !"Allow".equals(r.action) || (input ? !r.isInput() : !r.isOutput()) || idiom(r, input)) {
                continue;
            }
            boolean v6 = "ipv6".equals(r.family);
            boolean wide = input ? wideAddress(r.sourceAddress, v6) || widePort(r.destinationPort)
                    : wideAddress(r.destinationAddress, v6) || widePort(r.destinationPort);
            if (wide) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("SourceAddress", nz(r.sourceAddress));
                m.put("SourcePort", nz(r.sourcePort));
                m.put("DestinationAddress", nz(r.destinationAddress));
                m.put("DestinationPort", nz(r.destinationPort));
                m.put("Protocol", nz(r.protocol));
                m.put("ChainName", r.chain);
                m.put("Source", r.source);
                m.put("Family", r.family);
                found.add(m);
            }
        }
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("Rules", JsonText.write(found));
        String dir = input ? "input" : "output";
        return List.of(new Recommendation(input ? INPUT : OUTPUT, dir, "Medium",
                "Permissive firewall rule in the " + dir + " chain was found",
                found.size() + " rule(s) in the " + dir + " chain allow traffic " + (input ? "from" : "to")
                        + " a wide range of addresses or ports.",
                "Restrict the rules to the addresses and ports the device needs.", data));
    }

    private static boolean idiom(FirewallRule r, boolean input) {
        String iface = r.extra.get(input ? "InInterface" : "OutInterface");
        if ("lo".equals(iface)) {
            return true;
        }
        String state = r.extra.get("State");
        if (state != null && !state.startsWith("!")) {
            String s = state.toLowerCase(java.util.Locale.ROOT);
            return !s.contains("new") && !s.contains("invalid") && !s.contains("untracked");
        }
        return false;
    }

    static boolean wideAddress(String a, boolean v6) {
        if (a == null || a.isEmpty() || a.startsWith("!") || a.equals("0.0.0.0/0") || a.equals("::/0")) {
            return true;
        }
        if (a.contains(",")) {
            for (String part : a.split(",")) {
                if (wideAddress(part, v6)) {
                    return true;
                }
            }
            return false;
        }
        int slash = a.indexOf('/');
        if (slash > 0) {
            try {
                int len = Integer.parseInt(a.substring(slash + 1));
                return len < (a.contains(":") || v6 ? 48 : 16);
            } catch (NumberFormatException e) {
                return false; // a dotted mask: iptables prints prefixes, nft too
            }
        }
        return false;
    }

    static boolean widePort(String p) {
        if (p == null || p.isEmpty() || p.startsWith("!") || p.equals("*")) {
            return true;
        }
        for (String part : p.split(",")) {
            int dash = part.indexOf('-');
            if (dash > 0) {
                try {
                    int lo = Integer.parseInt(part.substring(0, dash).trim());
                    int hi = Integer.parseInt(part.substring(dash + 1).trim());
                    if (hi - lo + 1 > 1024) {
                        return true;
                    }
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
