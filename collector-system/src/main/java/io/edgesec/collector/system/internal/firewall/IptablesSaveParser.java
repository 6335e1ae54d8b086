package io.edgesec.collector.system.internal.firewall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code *filter} table of iptables-save / ip6tables-save output (both backends print the
 * same format): one {@link FirewallRule} per {@code -A} line, numbered within its chain, then
 * one per built-in chain's policy (numbered after its last rule, as the Azure agent did).
 */
public final class IptablesSaveParser {
    private IptablesSaveParser() {
    }

    public static List<FirewallRule> parse(String text, String source, String family, Consumer<String> problems) {
        List<FirewallRule> rules = new ArrayList<>();
        Map<String, String> policies = new java.util.LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        boolean inFilter = false;
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            if (line.startsWith("*")) {
                inFilter = line.equals("*filter");
            } else if (!inFilter || line.startsWith("#") || line.isBlank()) {
                continue;
            } else if (line.equals("COMMIT")) {
                inFilter = false;
            } else if (line.startsWith(":")) {
                String[] f = line.substring(1).split("\\s+");
                if (f.length >= 2 && !"-".equals(f[1])) {
                    policies.put(f[0], f[1]);
                }
            } else if (line.startsWith("-A ")) {
                try {
                    FirewallRule r = rule(tokens(line), source, family);
                    r.priority = counts.merge(r.chain, 1, Integer::sum);
                    rules.add(r);
                } catch (IllegalArgumentException e) {
                    problems.accept(source + " " + family + " line " + n + ": " + e.getMessage());
                }
            }
        }
        policies.forEach((chain, policy) -> {
            FirewallRule r = new FirewallRule();
            r.source = source;
            r.family = family;
            r.table = "filter";
            r.chain = chain;
            r.direction = direction(chain);
            r.policy = true;
            r.target = policy;
            r.action = FirewallRule.actionOf(policy);
            r.priority = counts.getOrDefault(chain, 0) + 1;
            rules.add(r);
        });
        return rules;
    }

    static String direction(String chain) {
        return switch (chain) {
            case "INPUT" -> "In";
            case "OUTPUT" -> "Out";
            default -> null;
        };
    }

    private static FirewallRule rule(List<String> t, String source, String family) {
        FirewallRule r = new FirewallRule();
        r.source = source;
        r.family = family;
        r.table = "filter";
        r.chain = t.get(1);
        r.direction = direction(r.chain);
        List<String> unknown = new ArrayList<>();
        boolean not = false;
        for (int i = 2; i < t.size(); i++) {
            String o = t.get(i);
            if (o.equals("!")) {
                not = true;
                continue;
            }
            String v = i + 1 < t.size() ? t.get(i + 1) : null;
            String neg = not ? "!" : "";
            boolean consumed = true;
            switch (o) {
                case "-s", "--source", "--src-range" -> r.sourceAddress = neg + v;
                case "-d", "--destination", "--dst-range" -> r.destinationAddress = neg + v;
                case "-p", "--protocol" -> r.protocol = neg + v.toUpperCase(Locale.ROOT);
                case "--sport", "--source-port", "--sports", "--source-ports" -> r.sourcePort = neg + v.replace(':', '-');
                case "--dport", "--destination-port", "--dports", "--destination-ports" -> r.destinationPort = neg + v.replace(':', '-');
                case "-i", "--in-interface" -> r.extra.put("InInterface", neg + v);
                case "-o", "--out-interface" -> r.extra.put("OutInterface", neg + v);
                case "-j", "--jump", "-g", "--goto" -> {
                    r.target = v;
                    r.action = FirewallRule.actionOf(v);
                    if (o.startsWith("-g") || o.equals("--goto")) {
                        r.extra.put("Goto", "true");
                    }
                }
                case "-m", "--match" -> {
                    // the match's options follow and are read on their own
                }
                case "--comment" -> r.extra.put("Comment", v);
                case "--ctstate", "--state" -> r.extra.put("State", neg + v);
                default -> consumed = false;
            }
            if (v == null && consumed) {
                throw new IllegalArgumentException("option " + o + " has no value");
            }
            if (consumed) {
                i++;
            } else {
                unknown.add(neg + o);
            }
            not = false;
        }
        if (r.action == null) {
            r.action = "Other"; // no target: the rule only counts packets
            r.target = "none";
        }
        if (!unknown.isEmpty()) {
            r.extra.put("Options", String.join(" ", unknown));
        }
        return r;
    }

    /** Splits an iptables-save line on spaces, keeping double-quoted values (comments) whole. */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        if (out.size() < 2) {
            throw new IllegalArgumentException("a rule line without a chain");
        }
        return out;
    }
}
