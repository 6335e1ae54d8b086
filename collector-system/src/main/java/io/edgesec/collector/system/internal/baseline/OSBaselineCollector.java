package io.edgesec.collector.system.internal.baseline;

import io.edgesec.api.collector.CollectorName;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import io.edgesec.support.json.JsonText;
import io.edgesec.collector.system.internal.host.HostRoot;
import io.edgesec.collector.system.internal.recommend.FindingTracker;
import io.edgesec.collector.system.internal.recommend.Recommendation;
import java.io.IOException;
import java.time.Instant;
import java.util.Dictionary;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * OSBaseline: the built-in catalogue plus, when the twin enables them, the custom checks, in one
 * event; IoT_Baseline when checks fail, raised again only when the set of failures changes.
 *
 * <p>The custom-check keys are the twin's ({@code baselineCustomChecksEnabled}, {@code ...FilePath},
 * {@code ...FileHash}), which the configuration bundle validates and puts on the aggregator's PID
 * ({@code io.edgesec.aggregator}). This collector reads them from there through ConfigAdmin at
 * each snapshot (so a twin change applies at the next snapshot without restarting the
 * collector); where the aggregator's configuration does not set them, its own PID's values apply
 * (a standalone device's local configuration).
 */
@Component(configurationPid = OSBaselineConfig.PID)
@CollectorName(OSBaselineCollector.NAME)
@Designate(ocd = OSBaselineConfig.class)
public class OSBaselineCollector implements PeriodicCollector {
    static final String NAME = "os-baseline";
    static final String AGGREGATOR_PID = "io.edgesec.aggregator";
    public static final String RECOMMENDATION_TYPE = "IoT_Baseline";
    private final HostRoot root;
    private final OSBaselineConfig config;
    private final java.util.function.Supplier<CustomCheckSettings> customSettings;
    /**
     * The built-in checks, parsed at the first run (on a collector worker) rather than at
     * activation: this bundle's components are activated on the launcher's thread, ahead of the
     * LocalUsers snapshot that sends the first message, and parsing the catalogue there took
     * ~20 ms of that path. Runs of one collector never overlap; a second parse would be harmless.
     */
    private volatile List<Check> builtIn;
    private final FindingTracker tracker = new FindingTracker();

    /** The three twin keys. */
    public record CustomCheckSettings(boolean enabled, String filePath, String fileHash) {
    }

    @Activate
    public OSBaselineCollector(OSBaselineConfig config, @Reference ConfigurationAdmin configAdmin) {
        this(config, () -> fromAggregator(configAdmin, config));
    }

    public OSBaselineCollector(OSBaselineConfig config, java.util.function.Supplier<CustomCheckSettings> customSettings) {
        this.config = config;
        this.root = HostRoot.of(config.hostRoot());
        this.customSettings = customSettings;
    }

    static CustomCheckSettings fromAggregator(ConfigurationAdmin cm, OSBaselineConfig own) {
        Dictionary<String, Object> p = null;
        try {
            Configuration[] cs = cm.listConfigurations("(service.pid=" + AGGREGATOR_PID + ")");
            if (cs != null && cs.length > 0) {
                p = cs[0].getProperties();
            }
        } catch (IOException | InvalidSyntaxException e) {
            p = null; // no aggregator configuration readable: this PID's values
        }
        if (p == null || p.get("baselineCustomChecksEnabled") == null) {
            return new CustomCheckSettings(own.baselineCustomChecksEnabled(), own.baselineCustomChecksFilePath(),
                    own.baselineCustomChecksFileHash());
        }
        Object path = p.get("baselineCustomChecksFilePath");
        Object hash = p.get("baselineCustomChecksFileHash");
        return new CustomCheckSettings(Boolean.parseBoolean(String.valueOf(p.get("baselineCustomChecksEnabled"))),
                path == null ? "" : path.toString(), hash == null ? "" : hash.toString());
    }

    private List<Check> builtIn() {
        List<Check> checks = builtIn;
        if (checks == null) {
            checks = CheckCatalogue.builtIn();
            builtIn = checks;
        }
        return checks;
    }

    @Override
    public List<SecurityEvent> collect() {
        List<SecurityEvent> out = new ArrayList<>();
        List<Check> checks = new ArrayList<>(builtIn());
        CustomCheckSettings custom = customSettings.get();
        if (custom.enabled()) {
            try {
                checks.addAll(CustomChecks.load(root, custom.filePath(), custom.fileHash()));
            } catch (CustomChecks.Refused e) {
                out.add(CollectorStatus.of(NAME, "CustomChecksRefused", Severity.ERROR, e.getMessage()));
            }
        }
        List<CheckResult> results = Baseline.run(checks, root);
        SecurityEvent.Builder b = SecurityEvent.builder(EventNames.OS_BASELINE).category(EventCategory.PERIODIC).timestamp(Instant.now());
        for (CheckResult r : results) {
            if (config.includePassed() || !r.passed()) {
                b.payload(r.payload());
            }
        }
        out.add(0, b.build());
        if (config.recommendations()) {
            tracker.update(RECOMMENDATION_TYPE, recommendation(results)).forEach(r -> out.add(r.event()));
        }
        return out;
    }

    /** @return IoT_Baseline for the failed checks, or nothing when none failed */
    public static List<Recommendation> recommendation(List<CheckResult> results) {
        List<Map<String, String>> failed = new ArrayList<>();
        for (CheckResult r : results) {
            if (CheckResult.FAIL.equals(r.result())) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("Msid", r.check().msid());
                m.put("CceId", r.check().cceId());
                m.put("Severity", r.check().severity());
                m.put("Description", r.check().description());
                failed.add(m);
            }
        }
        if (failed.isEmpty()) {
            return List.of();
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("FailedChecks", JsonText.write(failed));
        data.put("FailedCount", Integer.toString(failed.size()));
        return List.of(new Recommendation(RECOMMENDATION_TYPE, "baseline", "Medium",
                "Operation system baseline validation has failed",
                failed.size() + " OS baseline check(s) failed: the device does not comply with the CIS Linux benchmark checks of the OMS baseline.",
                "Fix the failed checks (see FailedChecks and the OSBaseline event for each check's reason).", data));
    }
}
