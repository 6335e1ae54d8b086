package io.edgesec.collector.system.internal.firewall;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rule or chain policy in the Azure FirewallConfiguration shape. Addresses and ports are
 * strings as the schema gives them ({@code 10.0.0.0/8}, {@code 22}, {@code 1000-2000},
 * {@code 22,80}, a leading {@code !} for an inverted match); null where the rule does not
 * restrict it.
 */
public final class FirewallRule {
    public String source; // iptables-legacy, iptables-nft, nftables
    public String family; // ipv4, ipv6, inet, ...
    public String table;
    public String chain;
    public String direction; // In, Out or null
    public String action; // Allow, Deny, Other
    public String target; // the raw verdict or target (ACCEPT, DROP, jump X ...)
    public int priority;
    public boolean policy;
    public String protocol;
    public String sourceAddress;
    public String sourcePort;
    public String destinationAddress;
    public String destinationPort;
    public final Map<String, String> extra = new LinkedHashMap<>();

    public static String actionOf(String verdict) {
        return switch (verdict == null ? "" : verdict.toUpperCase(java.util.Locale.ROOT)) {
            case "ACCEPT" -> "Allow";
            case "DROP", "REJECT" -> "Deny";
            default -> "Other";
        };
    }

    /** @return the payload item of the FirewallConfiguration event */
    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Enabled", true);
        p.put("Action", action);
        p.put("Priority", priority);
        p.put("Direction", direction);
        p.put("ChainName", chain);
        p.put("Protocol", protocol);
        p.put("SourceAddress", sourceAddress);
        p.put("SourcePort", sourcePort);
        p.put("DestinationAddress", destinationAddress);
        p.put("DestinationPort", destinationPort);
        Map<String, String> x = new LinkedHashMap<>();
        x.put("Source", source);
        x.put("Family", family);
        x.put("Table", table);
        if (policy) {
            x.put("IsPolicy", "true");
        }
        if (target != null && !"Allow".equals(action) && !"Deny".equals(action)) {
            x.put("Target", target);
        }
        x.putAll(extra);
        p.put("ExtraDetails", x);
        return p;
    }

    /** @return true if this is an input-side rule or policy (iptables INPUT, an nft input hook) */
    public boolean isInput() {
        return "In".equals(direction);
    }

    public boolean isOutput() {
        return "Out".equals(direction);
    }

    @Override
    public String toString() {
        return payload().toString();
    }
}
