package io.edgesec.collector.system.internal.firewall;

import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.collector.system.internal.host.Tool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the rules really in force through the host's own tools, as argument arrays: the
 * iptables legacy backend ({@code iptables-legacy-save}, {@code ip6tables-legacy-save}), the
 * nf_tables backend ({@code iptables-nft-save}, {@code ip6tables-nft-save}) and native nftables
 * ({@code nft -j list ruleset}, tables iptables-nft already reported left out). Only reads: no
 * tool is given an option that changes or loads anything ({@code -t} is not passed, since it
 * can load a table's kernel module).
 */
public final class FirewallReader {
    /** What one read found. */
    public record Snapshot(List<FirewallRule> rules, List<String> sources, List<String> problems, List<String> denied, int toolsFound) {
        /** @return true when a tool refused for want of privilege (CAP_NET_ADMIN) */
        public boolean permissionDenied() {
            return !denied.isEmpty();
        }
    }

    private final Tool tool;
    private final ToolLocator locator;

    /** Where the tools are (a seam for tests that pin one backend). */
    public interface ToolLocator {
        String find(String name);
    }

    public FirewallReader(Tool tool) {
        this(tool, Tool::find);
    }

    public FirewallReader(Tool tool, ToolLocator locator) {
        this.tool = tool;
        this.locator = locator;
    }

    public Snapshot read() {
        List<FirewallRule> rules = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        Set<String> nftFamiliesByIptables = new HashSet<>();
        int tools = 0;
        String[][] saves = {
            {"iptables-legacy-save", "iptables-legacy", "ipv4"}, {"ip6tables-legacy-save", "iptables-legacy", "ipv6"},
            {"iptables-nft-save", "iptables-nft", "ipv4"}, {"ip6tables-nft-save", "iptables-nft", "ipv6"}};
        for (String[] s : saves) {
            String exe = locator.find(s[0]);
            if (exe == null) {
                continue;
            }
            tools++;
            String out = run(exe, List.of(exe), problems, denied);
            if (out == null) {
                continue;
            }
            List<FirewallRule> found = IptablesSaveParser.parse(out, s[1], s[2], problems::add);
            if (!found.isEmpty()) {
                rules.addAll(found);
                if (!sources.contains(s[1])) {
                    sources.add(s[1]);
                }
                if (s[1].equals("iptables-nft")) {
                    nftFamiliesByIptables.add(s[2].equals("ipv4") ? "ip" : "ip6");
                }
            }
        }
        String nft = locator.find("nft");
        if (nft != null) {
            tools++;
            String out = run(nft, List.of(nft, "-j", "list", "ruleset"), problems, denied);
            if (out != null && !out.isBlank()) {
                try {
                    List<FirewallRule> found = NftJsonParser.parse(out,
                            t -> nftFamiliesByIptables.contains(t[0]) && Set.of("filter", "nat", "mangle", "raw", "security").contains(t[1]),
                            problems::add);
                    if (!found.isEmpty()) {
                        rules.addAll(found);
                        sources.add("nftables");
                    }
                } catch (JsonDocumentException e) {
                    problems.add("nft -j list ruleset: " + e.getMessage());
                }
            }
        }
        return new Snapshot(rules, sources, problems, denied, tools);
    }

    private String run(String exe, List<String> argv, List<String> problems, List<String> denied) {
        try {
            Tool.Result r = tool.run(argv);
            if (r.exitCode() != 0) {
                String err = r.stderr().strip();
                String lower = err.toLowerCase(Locale.ROOT);
                if (lower.contains("permission denied") || lower.contains("operation not permitted") || lower.contains("must be root")) {
                    denied.add(exe + ": " + firstLine(err));
                } else {
                    problems.add(exe + " exited with " + r.exitCode() + ": " + firstLine(err));
                }
                return null;
            }
            return r.stdout();
        } catch (IOException e) {
            problems.add(exe + ": " + e.getMessage());
            return null;
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
