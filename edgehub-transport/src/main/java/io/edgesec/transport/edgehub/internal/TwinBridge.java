package io.edgesec.transport.edgehub.internal;

import io.edgesec.support.Bounded;
import io.edgesec.support.Errors;
import io.edgesec.api.bundles.BundleManagement;
import io.edgesec.api.config.ApplyResult;
import io.edgesec.api.config.ConfigurationApplier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Module twin to ConfigAdmin, and back. On every connection the whole desired document, and
 * then every desired-properties patch, goes (without {@code $version}/{@code $metadata}) to the
 * {@link ConfigurationApplier}, which applies it all or nothing and reports rejections as
 * ConfigurationError events; the {@code edgesec.bundles} section goes to the
 * {@link BundleManagement} service (the bundle-manager bundle) first, so a collector installed by
 * the same update has its metatype when its configuration is validated. Then the effective
 * configuration, the bundle states the service reports and the outcome are written back as
 * reported properties. The bridge manages no bundle itself: it only carries the documents.
 *
 * <p>The desired state only moves forward in the twin's {@code $version} ({@link DesiredVersions}).
 * Every bundle manager instance gets the desired bundles section, a restarted, updated or
 * reconfigured one too: its refusals live in the old instance's memory, and the new one derives
 * them again under the policy it has (else they dropped out of the next report).
 *
 * <p>All work runs on one thread of its own, in arrival order, never on the SDK's callback
 * thread (bundle downloads can take a while).
 */
final class TwinBridge implements HubConnection.Listener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TwinBridge.class.getName());
    static final String BUNDLES = BundleManagement.SECTION;
    static final String STATUS = "status";
    /** The status result of an update whose configuration is applied and whose bundles section waits for the bundle manager. */
    static final String PENDING = "pending";

    /** Where reported properties go (the hub connection). */
    interface Reporter {
        void report(Map<String, Object> reported) throws Exception;
    }

    /** Where a twin update refused by the bridge itself is reported (a ConfigurationError event). */
    interface Refusals {
        void refused(String name, String errorType, String message, Integer version);
    }

    private final ConfigurationApplier applier;
    /** the bundle management service; yields null while there is none */
    private final Supplier<BundleManagement> bundles;
    private final Reporter reporter;
    private final Refusals refusals;
    private final java.util.concurrent.ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "edgesec-twin");
        t.setDaemon(true);
        return t;
    });
    // only touched on the worker thread
    private Map<String, Object> desiredBundles = new LinkedHashMap<>();
    private boolean bundlesKnown;
    /** a bundles section arrived while there was no bundle management service: handed over when it comes */
    private boolean bundlesUnapplied;
    /**
     * The bundles section not handed over asks for something (entries, or the removal of entries
     * desired before): updates are reported {@code pending} until the manager has taken it. An
     * empty section does not count, so an agent without a bundle manager reports its updates
     * {@code applied} as before.
     */
    private boolean bundlesWaiting;
    private final DesiredVersions versions;
    /** the manager instance that took the desired bundles section last (weakly: an updated bundle's old revision must go) */
    private java.lang.ref.WeakReference<BundleManagement> handedTo = new java.lang.ref.WeakReference<>(null);
    private Map<String, Object> lastStatus = new LinkedHashMap<>();
    private final ReportedBundles reportedBundles = new ReportedBundles();
    private java.util.concurrent.ScheduledFuture<?> retry;

    TwinBridge(ConfigurationApplier applier, Supplier<BundleManagement> bundles, Reporter reporter) {
        this(applier, bundles, reporter, (name, type, message, version) -> { });
    }

    TwinBridge(ConfigurationApplier applier, Supplier<BundleManagement> bundles, Reporter reporter, Refusals refusals) {
        this(applier, bundles, reporter, refusals, null);
    }

    TwinBridge(ConfigurationApplier applier, Supplier<BundleManagement> bundles, Reporter reporter, Refusals refusals,
            Runnable refreshTwin) {
        this.applier = applier;
        this.bundles = bundles;
        this.reporter = reporter;
        this.refusals = refusals;
        this.versions = new DesiredVersions(refreshTwin);
    }

    @Override
    public void unparseablePatch(Integer version, String where) {
        submit(() -> refuse(version, false, "unparseable", "the patch is not a JSON object: " + where, "TypeMismatch"));
    }

    /**
     * A twin update refused as a whole before any of it was applied: nothing changes; the status
     * says why, one ConfigurationError goes out, and the reported properties are written.
     */
    private void refuse(Integer version, boolean full, String result, String why, String errorType) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("desiredVersion", version);
        status.put("source", full ? "twin" : "patch");
        status.put("result", result);
        status.put("errors", Bounded.text(why));
        LOG.warning("module twin " + (full ? "document" : "patch") + (version == null ? "" : " version " + version) + " " + result
                + ", nothing changed: " + Bounded.text(why));
        refusals.refused("twin", errorType, why, version);
        versions.handled(version, full);
        lastStatus = versions.withCounts(status);
        write(reported(bundleStates()));
    }

    /**
     * @return what the bundle management service reports now; null while there is none. A manager
     *         instance that has not had the desired bundles section yet (it arrived, and this runs
     *         before its arrival is handled) gets it first, so its refusals are reported too.
     */
    private Map<String, Object> bundleStates() {
        BundleManagement m = bundles.get();
        if (m == null) {
            return null;
        }
        if (bundlesKnown && m != handedTo.get()) {
            Map<String, Object> states = handOver(m);
            if (states != null) {
                scheduleRetry();
            }
            return states;
        }
        try {
            return m.states();
        } catch (RuntimeException e) {
            // a manager going away (its bundle stopping): no states to report this time
            LOG.fine("the bundle manager reported no states: " + Errors.describe(e));
            return null;
        }
    }

    /**
     * The bundle management service (re)appeared: a bundles section that arrived while it was
     * missing (the twin is read while the agent starts its bundles, or a patch came while the
     * bundle-manager bundle was restarted or updated) is handed to it now, and the status of the
     * update that waited for it turns from {@code pending} to {@code applied}.
     */
    void bundleManagementArrived() {
        submit(() -> {
            BundleManagement m = bundles.get();
            if (m == null || !bundlesKnown || (!bundlesUnapplied && m == handedTo.get())) {
                // (without a whole twin yet, the section is partial: the whole twin hands it over;
                // the instance that took the section already has nothing new to take)
                return;
            }
            Map<String, Object> states = handOver(m);
            if (states == null) {
                return; // gone again: the next arrival hands it over
            }
            write(reported(states));
            scheduleRetry();
        });
    }

    /**
     * Hands the desired bundles section to {@code m}. It is only marked handed over once the
     * call returned: a manager that goes away during its reconcile (its bundle stopped or
     * updated; its context is then invalid and the call throws) has not taken it, and the next
     * one must get it on arrival. Clearing the mark before the call lost such a section: the new
     * manager arrived with nothing pending, and a removed bundle stayed ACTIVE. Once taken, the
     * update that waited for it ({@code pending}) is {@code applied}.
     *
     * @return the states it reported, or null if the call failed (the section stays pending)
     */
    private Map<String, Object> handOver(BundleManagement m) {
        try {
            Map<String, Object> states = m.reconcile(new LinkedHashMap<>(desiredBundles));
            handedTo = new java.lang.ref.WeakReference<>(m);
            bundlesUnapplied = false;
            bundlesWaiting = false;
            if (PENDING.equals(lastStatus.get("result"))) {
                // the update that waited for a manager is applied now
                Map<String, Object> status = new LinkedHashMap<>(lastStatus);
                status.put("result", "applied");
                lastStatus = status;
            }
            return states;
        } catch (RuntimeException e) {
            bundlesUnapplied = true;
            LOG.log(Level.WARNING, "the bundle manager did not take the bundles section (it is handed over again when a bundle"
                    + " manager arrives)", e);
            return null;
        }
    }

    /** Retries failed bundle entries when the earliest is due (with back-off; not on every update). */
    private void scheduleRetry() {
        BundleManagement m = bundles.get();
        java.time.Instant next = m == null ? null : m.nextRetry();
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        if (next == null) {
            return;
        }
        long delay = Math.max(100, java.time.Duration.between(java.time.Instant.now(), next).toMillis() + 50);
        retry = worker.schedule(() -> {
            try {
                retry = null;
                BundleManagement current = bundles.get();
                if (current == null) {
                    bundlesUnapplied = true; // retried when the service comes back
                    return;
                }
                Map<String, Object> states = handOver(current);
                if (states != null) {
                    write(reported(states));
                    scheduleRetry();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "retrying the failed bundle entries failed", e);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void write(Map<String, Object> reported) {
        try {
            reporter.report(ReportedBudget.fit(reported));
        } catch (Exception e) {
            LOG.warning("writing reported properties failed (they are written again on reconnection): " + Errors.describe(e));
        }
    }

    @Override
    public void connected(Map<String, Object> desired, Integer version) {
        submit(() -> handle(desired, version, true));
    }

    @Override
    public void desiredPatch(Map<String, Object> patch, Integer version) {
        submit(() -> handle(patch, version, false));
    }

    private void submit(Runnable r) {
        try {
            worker.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "handling the module twin failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.fine("twin update after close: ignored");
        }
    }

    /** @return whether the document is to be applied (otherwise it was refused, or ignored and counted) */
    private boolean inOrder(Integer version, boolean full) {
        switch (versions.admit(version, full)) {
            case APPLY:
                return true;
            case UNVERSIONED:
                refuse(null, full, "rejected", "the " + (full ? "module twin document" : "desired-properties patch")
                        + " has no $version (IoT Hub always sends one): not ordered, not applied", "TypeMismatch");
                return false;
            default: // ignored (stale, or a gap: the twin is read instead)
                lastStatus = versions.withCounts(new LinkedHashMap<>(lastStatus));
                write(reported(bundleStates()));
                return false;
        }
    }

    @SuppressWarnings("unchecked")
    private void handle(Map<String, Object> doc, Integer version, boolean full) {
        if (!inOrder(version, full)) {
            return;
        }
        Map<String, Object> document = TwinDocuments.withoutMetadata(doc);
        String overLimit = TwinDocumentLimits.check(document);
        if (overLimit != null) {
            refuse(version, full, "rejected", overLimit, "NotOptimal");
            return;
        }
        String badShape = TwinDocuments.shapeProblem(document);
        if (badShape != null) {
            refuse(version, full, "rejected", badShape, "TypeMismatch");
            return;
        }
        // the edgesec section, keys decoded (PIDs and symbolic names have dots)
        Map<String, Object> edgesec = null;
        if (document.get(ConfigurationApplier.EDGESEC_SECTION) instanceof Map<?, ?> m) {
            edgesec = TwinValues.decodeKeys((Map<String, ?>) m);
            document.put(ConfigurationApplier.EDGESEC_SECTION, edgesec);
        }

        Map<String, Object> status = new LinkedHashMap<>();
        status.put("desiredVersion", version);
        status.put("source", full ? "twin" : "patch");

        // 1. bundles
        Map<String, Object> bundleStates = null;
        boolean bundlesTouched = full || (edgesec != null && edgesec.containsKey(BUNDLES))
                || (document.containsKey(ConfigurationApplier.EDGESEC_SECTION) && edgesec == null);
        BundleManagement manager = bundles.get();
        if (bundlesTouched) {
            Object section = edgesec == null ? null : edgesec.get(BUNDLES);
            boolean asked = !desiredBundles.isEmpty() || (section instanceof Map<?, ?> s && !s.isEmpty());
            if (full || !bundlesKnown) {
                desiredBundles = section instanceof Map<?, ?> s ? new LinkedHashMap<>((Map<String, Object>) s) : new LinkedHashMap<>();
                bundlesKnown = full;
            } else {
                TwinDocuments.mergePatch(desiredBundles, section);
            }
            // A patch read before the first whole twin (it can come between the subscription and
            // the twin's answer) carries part of the section only: handed over alone, it would
            // uninstall every managed bundle it does not name. It waits for the whole twin.
            bundleStates = manager == null || !bundlesKnown ? null : handOver(manager);
            if (bundleStates != null) {
                scheduleRetry();
            } else {
                bundlesUnapplied = true;
                bundlesWaiting |= asked;
            }
        } else {
            bundleStates = bundleStates();
        }
        if (edgesec != null) {
            edgesec.remove(BUNDLES);
        }

        // 2. configuration
        String result;
        try {
            ApplyResult r = applier.apply(document, "twin");
            result = r.ok() ? "applied" : "rejected";
            if (!r.ok()) {
                status.put("errors", Bounded.errors(r.errors()));
            }
        } catch (RuntimeException e) {
            result = "failed";
            status.put("errors", Bounded.text(Errors.describe(e)));
            LOG.log(Level.WARNING, "applying the twin configuration failed", e);
        }
        // The bundles section waits for the bundle manager: this update is not applied yet, and
        // the bundle states the hub holds are from before it. Reporting "applied" here said that a
        // removed bundle was still ACTIVE after the update (CI, TwinAttackSurfaceTest, with the
        // manager started after the first message); "pending" turns "applied" when the manager
        // has taken the section (bundleManagementArrived), with its states.
        if (bundlesWaiting && "applied".equals(result)) {
            result = PENDING;
        }
        status.put("result", result);
        versions.handled(version, full);
        lastStatus = versions.withCounts(status);

        // 3. reported properties
        write(reported(bundleStates));
    }

    /** The reported-properties document: effective configuration, bundles and the last outcome. */
    @SuppressWarnings("unchecked")
    Map<String, Object> reported(Map<String, Object> bundleStates) {
        Map<String, Object> effective = applier.effective();
        Map<String, Object> out = new LinkedHashMap<>();
        Object azure = effective.get(ConfigurationApplier.AZURE_SECTION);
        if (azure instanceof Map<?, ?> a) {
            out.put(ConfigurationApplier.AZURE_SECTION, TwinValues.encodeKeys((Map<String, ?>) a));
        }
        Map<String, Object> edgesec = new LinkedHashMap<>();
        if (effective.get(ConfigurationApplier.EDGESEC_SECTION) instanceof Map<?, ?> e) {
            edgesec.putAll(ReportedSecrets.redacted((Map<String, Object>) e));
        }
        if (bundleStates != null) {
            edgesec.put(BUNDLES, reportedBundles.patch(bundleStates));
        }
        edgesec.put(STATUS, lastStatus);
        out.put(ConfigurationApplier.EDGESEC_SECTION, TwinValues.encodeKeys(edgesec));
        return out;
    }

    /** Waits until everything submitted so far has been handled (tests, shutdown). */
    boolean drain(long timeoutMs) throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        submit(done::countDown);
        return done.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
