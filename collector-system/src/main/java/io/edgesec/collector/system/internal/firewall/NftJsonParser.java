package io.edgesec.collector.system.internal.firewall;

import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code nft -j list ruleset}: the rules of the filter chains of the ip, ip6 and inet families
 * (base chains of type filter and the regular chains they jump to), one {@link FirewallRule}
 * per rule, and each base chain's policy after its last rule. Expressions the Azure shape has
 * no field for (counters aside) are kept in ExtraDetails.
 */
public final class NftJsonParser {
    private static final Set<String> FAMILIES = Set.of("ip", "ip6", "inet");

    private NftJsonParser() {
    }

    /**
     * @param skipTable tables to leave out (those iptables-nft already reported in its own terms)
     */
    @SuppressWarnings("unchecked")
    public static List<FirewallRule> parse(String json, Predicate<String[]> skipTable, Consumer<String> problems) throws JsonDocumentException {
        Map<String, Object> root = JsonDocuments.object(json);
        if (!(root.get("nftables") instanceof List<?> items)) {
            throw new JsonDocumentException("no nftables array", 1, 1);
        }
        Map<String, Map<String, Object>> chains = new HashMap<>();
        List<FirewallRule> rules = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Object o : items) {
            if (!(o instanceof Map<?, ?> item)) {
                continue;
            }
            if (item.get("chain") instanceof Map<?, ?> c) {
                Map<String, Object> chain = (Map<String, Object>) c;
                chains.put(key(chain, "name"), chain);
            } else if (item.get("rule") instanceof Map<?, ?> r) {
                Map<String, Object> rule = (Map<String, Object>) r;
                String family = str(rule.get("family"));
                if (!FAMILIES.contains(family) || skipTable.test(new String[] {family, str(rule.get("table"))})) {
                    continue;
                }
                Map<String, Object> chain = chains.get(key(rule, "chain"));
                if (chain != null && chain.get("type") != null && !"filter".equals(chain.get("type"))) {
                    continue; // nat and route chains do not filter
                }
                try {
                    FirewallRule fr = rule(rule, chain);
                    fr.priority = counts.merge(key(rule, "chain"), 1, Integer::sum);
                    rules.add(fr);
                } catch (RuntimeException e) {
                    problems.accept("nftables rule " + rule.get("handle") + " in " + rule.get("chain") + ": " + e.getMessage());
                }
            }
        }
        for (Map<String, Object> chain : chains.values()) {
            String family = str(chain.get("family"));
            if (chain.get("hook") == null || !"filter".equals(chain.get("type")) || !FAMILIES.contains(family)
                    || skipTable.test(new String[] {family, str(chain.get("table"))})) {
                continue;
            }
            FirewallRule p = base(chain);
            p.policy = true;
            String policy = chain.get("policy") == null ? "accept" : str(chain.get("policy"));
            p.target = policy;
            p.action = FirewallRule.actionOf(policy);
            p.priority = counts.getOrDefault(key(chain, "name"), 0) + 1;
            rules.add(p);
        }
        return rules;
    }

    private static String key(Map<String, Object> m, String nameField) {
        return m.get("family") + "|" + m.get("table") + "|" + m.get(nameField);
    }

    private static FirewallRule base(Map<String, Object> chain) {
        FirewallRule r = new FirewallRule();
        r.source = "nftables";
        r.family = str(chain.get("family"));
        r.table = str(chain.get("table"));
        r.chain = str(chain.get("name"));
        String hook = chain.get("hook") == null ? null : str(chain.get("hook"));
        r.direction = "input".equals(hook) ? "In" : "output".equals(hook) ? "Out" : null;
        if (hook != null) {
            r.extra.put("Hook", hook);
            r.extra.put("ChainPriority", str(chain.get("prio")));
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private static FirewallRule rule(Map<String, Object> rule, Map<String, Object> chain) {
        Map<String, Object> c = chain != null ? chain : Map.of("family", rule.get("family"), "table", rule.get("table"), "name", rule.get("chain"));
        FirewallRule r = base(c);
        r.extra.put("Handle", str(rule.get("handle")));
        List<String> other = new ArrayList<>();
        if (rule.get("expr") instanceof List<?> exprs) {
            for (Object e : exprs) {
                if (!(e instanceof Map<?, ?> em)) {
                    continue;
                }
                Map<String, Object> expr = (Map<String, Object>) em;
                if (expr.get("match") instanceof Map<?, ?> m) {
                    if (!match((Map<String, Object>) m, r)) {
                        other.add(io.edgesec.support.json.JsonText.write(expr));
                    }
                } else if (expr.containsKey("accept")) {
                    verdict(r, "accept");
                } else if (expr.containsKey("drop")) {
                    verdict(r, "drop");
                } else if (expr.containsKey("reject")) {
                    verdict(r, "reject");
                } else if (expr.get("jump") instanceof Map<?, ?> j) {
                    verdict(r, "jump " + j.get("target"));
                } else if (expr.get("goto") instanceof Map<?, ?> g) {
                    verdict(r, "goto " + g.get("target"));
                } else if (expr.containsKey("return")) {
                    verdict(r, "return");
                } else if (!expr.containsKey("counter")) {
                    other.add(io.edgesec.support.json.JsonText.write(expr));
                }
            }
        }
        if (r.action == null) {
            r.action = "Other";
            r.target = "none";
        }
        if (rule.get("comment") != null) {
            r.extra.put("Comment", str(rule.get("comment")));
        }
        if (!other.isEmpty()) {
            r.extra.put("Options", String.join(" ", other));
        }
        return r;
    }

    private static void verdict(FirewallRule r, String v) {
        r.target = v;
        r.action = FirewallRule.actionOf(v);
    }

    /** @return true if the match went into a field of the rule */
    @SuppressWarnings("unchecked")
    private static boolean match(Map<String, Object> m, FirewallRule r) {
        String op = str(m.get("op"));
        String neg = "!=".equals(op) ? "!" : "";
        if (!"==".equals(op) && !"!=".equals(op) && !"in".equals(op)) {
            return false;
        }
        Object left = m.get("left");
        Object right = m.get("right");
        if (left instanceof Map<?, ?> l && l.get("payload") instanceof Map<?, ?> p) {
            String proto = str(p.get("protocol"));
            String field = str(p.get("field"));
            switch (field) {
                case "saddr" -> r.sourceAddress = neg + value(right);
                case "daddr" -> r.destinationAddress = neg + value(right);
                case "sport" -> {
                    r.sourcePort = neg + value(right);
                    protocol(r, proto);
                }
                case "dport" -> {
                    r.destinationPort = neg + value(right);
                    protocol(r, proto);
                }
                default -> {
                    return false;
                }
            }
            return true;
        }
        if (left instanceof Map<?, ?> l && l.get("meta") instanceof Map<?, ?> meta) {
            switch (str(meta.get("key"))) {
                case "l4proto", "protocol", "nfproto" -> {
                    if ("l4proto".equals(meta.get("key"))) {
                        r.protocol = neg + value(right).toUpperCase(Locale.ROOT);
                    } else {
                        r.extra.put("NetworkProtocol", neg + value(right));
                    }
                }
                case "iifname", "iif" -> r.extra.put("InInterface", neg + value(right));
                case "oifname", "oif" -> r.extra.put("OutInterface", neg + value(right));
                default -> {
                    return false;
                }
            }
            return true;
        }
        if (left instanceof Map<?, ?> l && l.get("ct") instanceof Map<?, ?> ct && "state".equals(ct.get("key"))) {
            r.extra.put("State", neg + value(right));
            return true;
        }
        return false;
    }

    private static void protocol(FirewallRule r, String proto) {
        if (r.protocol == null && !"th".equals(proto)) {
            r.protocol = proto.toUpperCase(Locale.ROOT);
        }
    }

    /** An nft JSON value as the Azure string: a prefix as addr/len, a range as a-b, a set as a,b. */
    static String value(Object v) {
        if (v instanceof Map<?, ?> m) {
            if (m.get("prefix") instanceof Map<?, ?> p) {
                return p.get("addr") + "/" + p.get("len");
            }
            if (m.get("range") instanceof List<?> range && range.size() == 2) {
                return value(range.get(0)) + "-" + value(range.get(1));
            }
            if (m.get("set") instanceof List<?> set) {
                StringJoiner j = new StringJoiner(",");
                set.forEach(x -> j.add(value(x)));
                return j.toString();
            }
            return io.edgesec.support.json.JsonText.write(m);
        }
        if (v instanceof List<?> l) {
            StringJoiner j = new StringJoiner(",");
            l.forEach(x -> j.add(value(x)));
            return j.toString();
        }
        return str(v);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
