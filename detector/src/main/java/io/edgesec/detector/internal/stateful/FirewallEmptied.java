package io.edgesec.detector.internal.stateful;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.engine.BoundedLru;
import io.edgesec.detector.internal.engine.StatefulRule;
import io.edgesec.detector.internal.view.EventView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IOTA-004 from FirewallConfiguration snapshots: a firewall table that had rules and now has none.
 * The execve rules catch {@code iptables -F} when the audit collector sees it; this catches the
 * result whatever did it (a tool the rules do not know, a container with NET_ADMIN, a script
 * run while the audit rules were not in force).
 *
 * <p>Judged per table, keyed {@code <Source> <Family> <Table>} (e.g. {@code iptables-legacy ipv4
 * filter}, {@code nftables inet edge}). A table's rules are the items that can refuse something:
 * every rule, and a chain policy that is not Allow (a DROP policy left behind a flush is still a
 * firewall; ACCEPT policies alone are none). NAT tables are left out: emptying one stops port
 * forwarding, it does not open the device. A snapshot without a table the previous one had
 * counts it as emptied ({@code nft flush ruleset} deletes the tables).
 *
 * <p>Decisions: the first snapshot ever seen has no "before" and raises nothing (a device that
 * never had a firewall is the permissive-firewall recommendations' job, not an alert); rules
 * changed but not all gone raise nothing; one alert per snapshot, naming every table emptied by
 * it, and none again while the table stays empty. The last counts survive a detector update and
 * a restart (the engine's saved state), so a flush while the agent was down is still seen. State
 * is one number per table, at most {@link #MAX_TABLES} tables.
 */
final class FirewallEmptied implements StatefulRule {
    static final int MAX_TABLES = 256;
    /** Rules per table in the last snapshot; null before the first one. */
    private BoundedLru<String, Integer> last;

    @Override
    public java.util.Set<String> events() {
        return java.util.Set.of(); // no item: whole snapshots only
    }

    @Override
    public void onEvent(EventView v, Raiser raise) {
        // judged whole, in onSnapshot: an empty snapshot has no item to show here
    }

    @Override
    public void onSnapshot(SecurityEvent e, Raiser raise) {
        if (!EventNames.FIREWALL_CONFIGURATION.equals(e.name())) {
            return;
        }
        BoundedLru<String, Integer> now = new BoundedLru<>(MAX_TABLES);
        for (Map<String, Object> item : e.payload()) {
            Map<?, ?> x = item.get("ExtraDetails") instanceof Map<?, ?> m ? m : Map.of();
            String table = str(x.get("Table"));
            if (table.equalsIgnoreCase("nat")) {
                continue;
            }
            String key = str(x.get("Source")) + " " + str(x.get("Family")) + " " + table;
            boolean policy = "true".equals(str(x.get("IsPolicy")));
            boolean refuses = !policy || !"Allow".equals(str(item.get("Action")));
            now.merge(key, refuses ? 1 : 0, Integer::sum);
        }
        BoundedLru<String, Integer> before = last;
        last = now;
        if (before == null) {
            return;
        }
        List<String> emptied = new ArrayList<>();
        int had = 0;
        for (Map.Entry<String, Integer> b : before.entrySet()) {
            if (b.getValue() > 0 && now.getOrDefault(b.getKey(), 0) == 0) {
                emptied.add(b.getKey());
                had += b.getValue();
            }
        }
        if (emptied.isEmpty()) {
            return;
        }
        Map<String, String> ents = new LinkedHashMap<>();
        ents.put("Firewall", String.join(", ", emptied));
        ents.put("RulesBefore", Integer.toString(had));
        raise.raise("IOTA-004", ents, List.of("Firewall"), "the firewall went from " + had + " rules to none in "
                + String.join(", ", emptied), null, List.of(e.id()), e.timestamp());
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    @Override
    public String stateName() {
        return "firewallTables";
    }

    @Override
    public List<Map<String, Object>> snapshot() {
        if (last == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        last.forEach((k, n) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", k);
            m.put("rules", n);
            out.add(m);
        });
        if (out.isEmpty()) {
            out.add(Map.of()); // a snapshot with no tables is still a "before"
        }
        return out;
    }

    @Override
    public void restore(List<Map<String, Object>> entries, Instant now) {
        // no window: the last firewall seen stays the "before", however old
        if (entries.isEmpty()) {
            return;
        }
        BoundedLru<String, Integer> r = new BoundedLru<>(MAX_TABLES);
        for (Map<String, Object> m : entries) {
            if (m.get("table") != null && m.get("rules") instanceof Number n) {
                r.put(m.get("table").toString(), n.intValue());
            }
        }
        last = r;
    }

    @Override
    public long evictions() {
        return last == null ? 0 : last.evictions();
    }
}
