package io.edgesec.collector.system.internal.firewall;

import io.edgesec.api.collector.CollectorName;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import io.edgesec.collector.system.internal.host.Tool;
import io.edgesec.collector.system.internal.recommend.FindingTracker;
import io.edgesec.collector.system.internal.recommend.Recommendation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * FirewallConfiguration: every rule and chain policy in force, one payload item each, with the
 * backend in ExtraDetails.Source; and the permissive-firewall recommendations, each raised once
 * and again when it changes. Without CAP_NET_ADMIN the tools refuse: that is reported as an
 * Error CollectorStatus and no FirewallConfiguration is sent (an empty one would read as "no
 * firewall").
 */
@Component(configurationPid = FirewallConfig.PID)
@CollectorName(FirewallCollector.NAME)
@Designate(ocd = FirewallConfig.class)
public class FirewallCollector implements PeriodicCollector {
    static final String NAME = "firewall";
    private final FirewallReader reader;
    private final boolean recommend;
    private final FindingTracker tracker = new FindingTracker();

    @Activate
    public FirewallCollector(FirewallConfig config) {
        this(new FirewallReader(new Tool(config.netns().isBlank() ? List.of() : List.of(ipTool(), "netns", "exec", config.netns()),
                Duration.ofSeconds(config.toolTimeoutSeconds()))), config.recommendations());
    }

    public FirewallCollector(FirewallReader reader, boolean recommend) {
        this.reader = reader;
        this.recommend = recommend;
    }

    private static String ipTool() {
        String ip = Tool.find("ip");
        return ip == null ? "ip" : ip;
    }

    @Override
    public List<SecurityEvent> collect() {
        FirewallReader.Snapshot s = reader.read();
        List<SecurityEvent> out = new ArrayList<>();
        if (s.permissionDenied() && s.rules().isEmpty()) {
            out.add(CollectorStatus.of(NAME, "PermissionDenied", Severity.ERROR,
                    "the firewall cannot be read: the agent lacks CAP_NET_ADMIN (" + String.join("; ", s.denied()) + ")"));
            return out;
        }
        if (s.permissionDenied()) {
            out.add(CollectorStatus.of(NAME, "PermissionDenied", Severity.WARNING,
                    "part of the firewall cannot be read without CAP_NET_ADMIN: " + String.join("; ", s.denied())));
        }
        if (s.toolsFound() == 0) {
            // as the Azure agent did without iptables: an empty FirewallConfiguration, and why
            out.add(CollectorStatus.of(NAME, "SourceUnavailable", Severity.WARNING,
                    "no firewall tool (iptables-save, ip6tables-save, nft) on this machine: the firewall cannot be read"));
        }
        for (String p : s.problems()) {
            out.add(CollectorStatus.of(NAME, "ParseError", Severity.WARNING, p));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (FirewallRule r : s.rules()) {
            items.add(r.payload());
        }
        out.add(0, SecurityEvent.builder(EventNames.FIREWALL_CONFIGURATION).category(EventCategory.PERIODIC)
                .timestamp(Instant.now()).payloads(items).build());
        if (recommend) {
            for (Recommendation r : recommendations(s.rules())) {
                out.add(r.event());
            }
        }
        return out;
    }

    List<Recommendation> recommendations(List<FirewallRule> rules) {
        List<Recommendation> out = new ArrayList<>();
        out.addAll(tracker.update(FirewallRecommendations.POLICY, FirewallRecommendations.policies(rules)));
        out.addAll(tracker.update(FirewallRecommendations.INPUT, FirewallRecommendations.rules(rules, true)));
        out.addAll(tracker.update(FirewallRecommendations.OUTPUT, FirewallRecommendations.rules(rules, false)));
        return out;
    }
}
