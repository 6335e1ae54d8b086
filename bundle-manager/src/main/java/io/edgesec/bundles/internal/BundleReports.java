package io.edgesec.bundles.internal;

import io.edgesec.support.Bounded;
import io.edgesec.support.HeldUntilOpen;
import io.edgesec.api.collector.EventSink;
import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.osgi.framework.Bundle;

/**
 * What is said about the managed bundles: the last problem of each desired entry (until it
 * converges), the states a transport reports back, and the events (CollectorStatus of the
 * collector {@code bundles}: BundleInstalled, BundleUpdated, BundleUninstalled, BundleRefused,
 * BundleFailed). A refusal is raised as an event once per entry, not on every reconciliation;
 * events raised before the aggregator takes the collector are held ({@link HeldUntilOpen}).
 * Text from the twin is cut to a bound ({@link Bounded}) wherever it is echoed. Not thread-safe:
 * the reconciler's lock guards it.
 */
final class BundleReports {
    private static final Logger LOG = Logger.getLogger(BundleReports.class.getName());
    static final String COLLECTOR = "bundles";

    /** bsn to the last problem with its desired entry (cleared when it converges) */
    private final Map<String, Map<String, Object>> problems = new TreeMap<>();
    /** bsn to the desired entry whose refusal was already reported as an event */
    private final Map<String, String> reportedRefusals = new TreeMap<>();
    private final HeldUntilOpen held = new HeldUntilOpen(COLLECTOR, 100);

    /** @return whether this very entry was refused already (then it is not fetched again until it changes) */
    boolean alreadyRefused(String bsn, String key) {
        Map<String, Object> known = problems.get(bsn);
        return known != null && "REFUSED".equals(known.get("state")) && key.equals(reportedRefusals.get(bsn));
    }

    /** The entry converged: its problem is no longer reported. */
    void clear(String bsn) {
        problems.remove(bsn);
        reportedRefusals.remove(bsn);
    }

    /** Only the refusal of the entry is forgotten (its failure, if any, stays until its retry). */
    void clearRefusal(String bsn) {
        reportedRefusals.remove(bsn);
    }

    void clearProblem(String bsn) {
        problems.remove(bsn);
    }

    /** @return the names whose problems are reported */
    List<String> withProblems() {
        return List.copyOf(problems.keySet());
    }

    /** Refused by policy; raised as an event only when the entry ({@code key}) is new. */
    void refuse(String bsn, BundleSpec spec, String why, String key) {
        boolean fresh = !key.equals(reportedRefusals.get(bsn));
        reportedRefusals.put(bsn, key);
        problem(bsn, "REFUSED", spec == null ? null : spec.version(), spec == null ? null : spec.sha256(),
                why, spec == null ? null : spec.location(), fresh);
    }

    void problem(String bsn, String state, String version, String sha, String rawError, String source, boolean emit) {
        String error = Bounded.text(rawError); // a twin entry's 60 KB location is not echoed whole
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("state", state);
        p.put("version", version);
        p.put("sha256", sha);
        p.put("location", source);
        p.put("error", error);
        problems.put(bsn, p);
        LOG.warning("twin-managed bundle " + Bounded.text(bsn, 100) + ": " + state.toLowerCase(Locale.ROOT) + ": " + error);
        if (emit) {
            event("REFUSED".equals(state) ? "BundleRefused" : "BundleFailed", Bounded.text(source),
                    Bounded.text(bsn, 100) + ": " + error, Severity.ERROR);
        }
    }

    void event(String status, String source, String message, Severity severity) {
        SecurityEvent e = CollectorStatus.of(COLLECTOR, status, severity, message,
                Map.of("Source", source == null ? "" : source), null);
        held.submit(e);
    }

    /** @return the state of every installed bundle (with its entry's problem) and of every entry with a problem */
    Map<String, Object> states(InstalledSet installed, ManagedBundles bundles) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, InstalledSet.Installed> e : installed.all().entrySet()) {
            Map<String, Object> s = new LinkedHashMap<>();
            Bundle b = bundles.managed(e.getKey());
            s.put("state", b == null ? "UNINSTALLED" : ManagedBundles.stateName(b.getState()));
            s.put("version", b == null ? e.getValue().version() : b.getVersion().toString());
            s.put("sha256", e.getValue().sha256());
            s.put("location", e.getValue().source());
            Map<String, Object> p = problems.get(e.getKey());
            s.put("error", p == null ? null : p.get("error"));
            out.put(e.getKey(), s);
        }
        for (Map.Entry<String, Map<String, Object>> e : problems.entrySet()) {
            if (!out.containsKey(e.getKey())) {
                out.put(e.getKey(), new LinkedHashMap<>(e.getValue()));
            }
        }
        return out;
    }

    void open(EventSink sink) {
        held.open(sink);
    }

    void close() {
        held.close();
    }
}
