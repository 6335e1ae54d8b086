package io.edgesec.bundles.internal;

import io.edgesec.api.collector.CollectorName;
import io.edgesec.support.Durations;
import io.edgesec.support.Errors;
import io.edgesec.api.bundles.BundleManagement;
import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.event.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Makes the set of managed bundles match a desired {@code bundles} document
 * ({@link BundleManagement}): the reconciliation. The jobs around it are classes of their own:
 * parsing an entry ({@link BundleSpec}), where jars may come from ({@link BundleSources}),
 * fetching and SHA-256 verification ({@link VerifiedJars}, bounded by {@link BoundedFetches}),
 * the persisted installed set ({@link InstalledSet}), the framework ({@link ManagedBundles}),
 * retries ({@link RetryBackoff}) and what is reported ({@link BundleReports}).
 *
 * <ul>
 * <li>A refused or failed entry changes nothing else: other entries go on, and a bundle already
 * installed for that name keeps running. Refusals are not tried again until the entry changes;
 * failures are retried with back-off, not on every twin update.
 * <li>Only bundles it installed are ever updated or uninstalled by it.
 * <li>At start it re-installs the persisted set from the verified copies (each re-verified), so a
 * restart from a clean framework cache comes back before the twin is read.
 * </ul>
 */
@Component(service = {BundleManagement.class, TriggeredCollector.class}, immediate = true,
        configurationPid = BundleManagerConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@CollectorName(BundleReports.COLLECTOR)
@Designate(ocd = BundleManagerConfig.class)
public class BundleReconciler implements BundleManagement, TriggeredCollector {
    private static final Logger LOG = Logger.getLogger(BundleReconciler.class.getName());
    public static final String LOCATION_PREFIX = ManagedBundles.LOCATION_PREFIX;
    public static final String STATE_FILE = InstalledSet.STATE_FILE;
    static final String DEFAULT_DATA_DIR = "/var/lib/edgesec/bundles";
    /** The key under which a start failure waits for its retry (the entry is installed; its start failed). */
    static final String START_KEY = "start";

    private final ManagedBundles bundles;
    private final BundleSources sources;
    private final VerifiedJars jars;
    private final InstalledSet installed;
    private final BundleReports reports = new BundleReports();
    /** device policy (local configuration only): whether the twin may manage bundles at all */
    private final boolean enabled;
    /** entries that failed (fetch, install, start), retried with back-off rather than on every twin update */
    private final RetryBackoff retries = new RetryBackoff(RetryBackoff.DEFAULT_FIRST, RetryBackoff.DEFAULT_MAX);
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    @Activate
    public BundleReconciler(BundleContext context, BundleManagerConfig config) {
        this(context, dataDir(context, config.dataDir()), List.of(config.allowedSources()),
                config.maxBundleSizeInBytes(), Durations.parse(config.downloadTimeout(), Duration.ofMinutes(2), LOG), config.enabled());
    }

    public BundleReconciler(BundleContext context, Path dataDir, List<String> allowedSources, long maxBytes, Duration downloadTimeout) {
        this(context, dataDir, allowedSources, maxBytes, downloadTimeout, true);
    }

    BundleReconciler(BundleContext context, Path dataDir, List<String> allowedSources, long maxBytes, Duration downloadTimeout,
            boolean enabled) {
        Path dir = dataDir.toAbsolutePath().normalize();
        this.enabled = enabled;
        this.bundles = new ManagedBundles(context);
        this.sources = new BundleSources(allowedSources, dir, downloadTimeout);
        this.jars = new VerifiedJars(dir.resolve("verified"), sources, maxBytes, downloadTimeout);
        this.installed = new InstalledSet(dir);
        Thread t = new Thread(() -> {
            try {
                reconverge();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "re-installing the twin-managed bundles failed", e);
            } finally {
                ready.complete(null);
            }
        }, "edgesec-bundles-restore");
        t.setDaemon(true);
        t.start();
    }

    static Path dataDir(BundleContext context, String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String base = context == null ? null : context.getProperty("edgesec.data.dir");
        return base != null && !base.isBlank() ? Path.of(base, "bundles") : Path.of(DEFAULT_DATA_DIR);
    }

    List<String> allowedSources() {
        return sources.allowed();
    }

    /** Waits until the persisted set has been re-installed after start. */
    public boolean awaitReady(long timeoutMs) {
        try {
            ready.get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Start-up: re-installs the persisted set from the verified copies, each verified again. */
    private synchronized void reconverge() {
        installed.load();
        jars.removeAllBut(installed.digests());
        List<Bundle> toStart = new ArrayList<>();
        for (Map.Entry<String, InstalledSet.Installed> e : installed.all().entrySet()) {
            String bsn = e.getKey();
            InstalledSet.Installed inst = e.getValue();
            Bundle b = bundles.managed(bsn);
            try {
                if (b == null) {
                    b = bundles.installOrUpdate(bsn, null, jars.reverify(inst.sha256()));
                    LOG.info("re-installed twin-managed bundle " + bsn + " " + inst.version());
                }
                toStart.add(b);
            } catch (IOException | BundleException | RuntimeException ex) {
                reports.problem(bsn, "FAILED", inst.version(), inst.sha256(), "not re-installed after restart: " + Errors.describe(ex),
                        inst.source(), false);
            }
        }
        startAll(toStart);
    }

    /**
     * Waits for the restore first, without holding this object's lock: the restore thread needs
     * that lock, so a call right after activation (the hub transport hands over a twin it read
     * before this service existed as soon as the service is bound) would otherwise hold it while
     * waiting, and stall both for the whole wait.
     */
    @Override
    public Map<String, Object> reconcile(Map<String, Object> desired) {
        awaitReady(60_000);
        return reconcileNow(desired);
    }

    private synchronized Map<String, Object> reconcileNow(Map<String, Object> desired) {
        if (!enabled) {
            return refuseAll(desired);
        }
        jars.beginRound();
        Map<String, Object> removed = new TreeMap<>();
        Set<Bundle> changed = new LinkedHashSet<>();
        List<Bundle> toStart = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (Map.Entry<String, Object> e : desired.entrySet()) {
            String bsn = e.getKey();
            if (e.getValue() == null) {
                continue; // null: not wanted (removed below)
            }
            wanted.add(bsn);
            BundleSpec spec;
            try {
                spec = BundleSpec.parse(bsn, e.getValue());
            } catch (Refusal r) {
                reports.refuse(bsn, null, r.getMessage(), String.valueOf(e.getValue()));
                keepRunning(bsn, toStart);
                continue;
            }
            converge(spec, changed, toStart);
        }
        for (String bsn : installed.names()) {
            if (!wanted.contains(bsn)) {
                uninstall(bsn, changed);
                removed.put(bsn, null);
            }
        }
        // problems of entries no longer desired are no longer interesting
        for (String bsn : reports.withProblems()) {
            if (!wanted.contains(bsn)) {
                reports.clear(bsn);
                removed.put(bsn, null);
            }
        }
        retries.retainOnly(wanted);
        installed.persist();
        bundles.refresh(changed);
        startAll(toStart);
        Map<String, Object> out = new TreeMap<>(removed);
        out.putAll(reports.states(installed, bundles));
        return out;
    }

    /** The installed version of a refused or failed entry stays as it was, and running. */
    private void keepRunning(String bsn, List<Bundle> toStart) {
        Bundle current = bundles.managed(bsn);
        if (current != null) {
            toStart.add(current);
        }
    }

    private void converge(BundleSpec spec, Set<Bundle> changed, List<Bundle> toStart) {
        String bsn = spec.bsn();
        InstalledSet.Installed current = installed.get(bsn);
        Bundle bundle = bundles.managed(bsn);
        // the same jar is installed, and the entry does not claim another version for it (if it
        // does, the manifest check refuses the entry and names both versions)
        if (current != null && current.sha256().equals(spec.sha256()) && bundle != null
                && (spec.version() == null || Version.parseVersion(spec.version()).equals(bundle.getVersion()))) {
            if (!retries.waiting(bsn, START_KEY)) {
                reports.clearProblem(bsn); // (a start failure keeps its report until its retry)
            }
            reports.clearRefusal(bsn);
            toStart.add(bundle); // started unless a failed start waits for its retry
            return;
        }
        if (retries.waiting(bsn, spec.key())) {
            keepRunning(bsn, toStart);
            return; // failed a moment ago: retried when its back-off is over, not on every twin update
        }
        try {
            Bundle other = bundles.unmanaged(bsn);
            if (other != null) {
                throw new Refusal("a bundle " + bsn + " is already installed (location " + other.getLocation()
                        + ") and is not managed by the twin");
            }
            if (reports.alreadyRefused(bsn, spec.key())) {
                keepRunning(bsn, toStart);
                return; // this very entry was refused already: not fetched again until it changes
            }
            Path jar = jars.obtain(spec, installed.digests());
            bundle = bundles.installOrUpdate(bsn, bundle, jar);
            changed.add(bundle);
            toStart.add(bundle);
            String version = bundle.getVersion().toString();
            InstalledSet.Installed previous = installed.put(bsn, new InstalledSet.Installed(version, spec.sha256(), spec.location()));
            installed.persist();
            if (previous != null && !previous.sha256().equals(spec.sha256())) {
                jars.deleteIfUnused(previous.sha256(), installed.digests());
            }
            reports.clear(bsn);
            retries.succeeded(bsn);
            LOG.info((current == null ? "installed" : "updated") + " twin-managed bundle " + bsn + " " + version
                    + " from " + spec.location() + " (SHA-256 " + spec.sha256() + ")");
            reports.event(current == null ? "BundleInstalled" : "BundleUpdated", spec.location(),
                    bsn + " " + version + " (SHA-256 " + spec.sha256() + ")", Severity.INFORMATION);
        } catch (Refusal r) {
            reports.refuse(bsn, spec, r.getMessage(), spec.key());
            keepRunning(bsn, toStart);
        } catch (IOException | BundleException | RuntimeException e) {
            Duration wait = retries.failed(bsn, spec.key());
            reports.problem(bsn, "FAILED", spec.version(), spec.sha256(), Errors.describe(e) + "; retried in " + wait.toSeconds() + " s",
                    spec.location(), true);
            keepRunning(bsn, toStart);
        }
    }

    /** Bundle management is off on this device: every desired entry is refused, nothing is touched. */
    private Map<String, Object> refuseAll(Map<String, Object> desired) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : desired.entrySet()) {
            if (e.getValue() != null) {
                reports.refuse(e.getKey(), null, "bundle management is switched off on this device (" + BundleManagerConfig.PID
                        + "/enabled, local configuration only)", String.valueOf(e.getValue()));
            }
        }
        for (String bsn : reports.withProblems()) {
            if (desired.get(bsn) == null) {
                reports.clear(bsn);
                out.put(bsn, null);
            }
        }
        out.putAll(reports.states(installed, bundles));
        return out;
    }

    @Override
    public synchronized Instant nextRetry() {
        return retries.next();
    }

    private void uninstall(String bsn, Set<Bundle> changed) {
        InstalledSet.Installed inst = installed.get(bsn);
        Bundle b = bundles.managed(bsn);
        try {
            if (b != null) {
                b.uninstall();
                changed.add(b);
            }
            installed.remove(bsn);
            jars.deleteIfUnused(inst.sha256(), installed.digests());
            LOG.info("uninstalled twin-managed bundle " + bsn + " (no longer in the twin)");
            reports.event("BundleUninstalled", inst.source(), bsn + " " + inst.version(), Severity.INFORMATION);
        } catch (BundleException | RuntimeException e) {
            reports.problem(bsn, "FAILED", inst.version(), inst.sha256(), "uninstall failed: " + Errors.describe(e), inst.source(), true);
        }
    }

    private void startAll(List<Bundle> toStart) {
        for (Bundle b : toStart) {
            if (b.getState() == Bundle.UNINSTALLED || b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            String bsn = ManagedBundles.nameOf(b);
            if (b.getState() == Bundle.ACTIVE || retries.waiting(bsn, START_KEY)) {
                continue; // a failed start is retried when its back-off is over, not on every twin update
            }
            try {
                b.start();
                if (retries.succeeded(bsn)) {
                    reports.clearProblem(bsn);
                }
            } catch (BundleException | RuntimeException e) {
                InstalledSet.Installed inst = installed.get(bsn);
                Duration wait = retries.failed(bsn, START_KEY);
                reports.problem(bsn, "FAILED", inst != null ? inst.version() : b.getVersion().toString(),
                        inst != null ? inst.sha256() : null,
                        "installed but did not start: " + Errors.describe(e) + "; retried in " + wait.toSeconds() + " s",
                        inst != null ? inst.source() : b.getLocation(), true);
            }
        }
    }

    @Override
    public synchronized Map<String, Object> states() {
        return reports.states(installed, bundles);
    }

    @Override
    public void open(EventSink eventSink) {
        reports.open(eventSink);
    }

    @Override
    public void close() {
        reports.close();
    }

    @Deactivate
    void deactivate() {
        close();
        jars.close();
        // the bundles stay installed: they are the framework's until it stops
    }
}
