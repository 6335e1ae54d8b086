package io.edgesec.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The embedded Felix framework with the agent's bundles. Start-up order: infrastructure (SCR,
 * ConfigAdmin, Metatype), agent-api and the configuration bundle first; then the local
 * configuration is applied; only then the collectors, aggregator and transports start, so no
 * component ever runs on defaults the operator overrode. Shutdown stops the aggregator first
 * (it flushes its queues through the transports, which are still running), then the rest.
 *
 * <p>Within a phase, work that does not depend on each other runs on a {@link SideLane} beside
 * the launcher's thread (start-up's wall time is that thread's path): ConfigAdmin and Metatype
 * beside SCR and the configuration bundle; the detector
 * beside the transports and the aggregator. Each phase ends when its side lane has, so the
 * order between phases above holds as before.
 */
final class AgentRuntime {
    private static final Logger LOG = Logger.getLogger(AgentRuntime.class.getName());
    static final String AGGREGATOR_BSN = "io.edgesec.aggregator";
    static final String CONFIGURATION_BSN = "io.edgesec.configuration";
    static final String API_BSN = "io.edgesec.agent-api";
    static final String HUB_TRANSPORT_BSN = "io.edgesec.edgehub-transport";
    static final String CONFIG_ADMIN_BSN = "org.apache.felix.configadmin";
    static final String METATYPE_BSN = "org.apache.felix.metatype";

    /** Told how long each bundle start and side lane took (StartupTimeline). */
    interface StartReport {
        /** On the thread that started the bundle, right after; {@code cpuMs} is that thread's, -1 if unknown. */
        void bundleStarted(String name, long ms, long cpuMs);

        /** On the launcher's thread, once a side lane has ended. */
        default void sideLane(SideLane lane) {
        }
    }

    private final Framework framework;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    /** Nothing by default. */
    private volatile StartReport startReport = (name, ms, cpuMs) -> {
    };

    AgentRuntime(Path dataDir, Map<String, String> extraProperties) throws IOException, BundleException {
        Files.createDirectories(dataDir);
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dataDir.resolve("felix-cache").toString());
        // Bundles come from the jar at every start: a stale cache must not shadow them.
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put("felix.log.level", "1");
        // The resolver on the launcher's thread: a pool (one thread per core by default) resolves
        // these 19 bundles no faster and keeps its idle threads for the agent's lifetime.
        props.put("felix.resolver.parallelism", "1");
        props.put("ds.loglevel", System.getProperty("edgesec.ds.loglevel", "warn"));
        props.put("edgesec.version", Version.get());
        props.put("edgesec.data.dir", dataDir.toAbsolutePath().toString()); // the spool lives under it
        props.putAll(extraProperties);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        framework = factory.newFramework(props);
        framework.init();
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Installs every embedded bundle; returns them in install order. */
    List<Bundle> install(List<EmbeddedBundles.Entry> entries) throws IOException, BundleException {
        List<Bundle> out = new ArrayList<>();
        for (EmbeddedBundles.Entry e : entries) {
            String reference = e.referenceLocation();
            if (reference != null) {
                try {
                    out.add(context().installBundle(reference));
                } catch (BundleException ex) {
                    LOG.warning("bundle " + e.name() + " not installed: " + ex.getMessage());
                }
                continue;
            }
            try (InputStream in = e.open()) {
                out.add(context().installBundle("edgesec:" + e.name(), in));
            } catch (BundleException ex) {
                LOG.warning("bundle " + e.name() + " not installed: " + ex.getMessage());
            }
        }
        framework.start();
        framework.adapt(FrameworkWiring.class).resolveBundles(null);
        return out;
    }

    /**
     * Starts the bundles that carry no agent logic: SCR, ConfigAdmin, Metatype, agent-api,
     * configuration; returns once all have started (or were reported as not started).
     * ConfigAdmin and Metatype start on a side lane while the launcher's thread starts the rest:
     * nothing waits for them at its start (SCR and the configuration bundle's components take
     * their services whenever they register, as they would in any start order). Metatypes are
     * not read ahead: applying the configuration, next, reads those of the PIDs it sets (the
     * configuration bundle asks the bundle named after the PID first); reading every bundle's
     * here made this lane the phase's longest path (bench/RESULTS.md, startup-robust).
     */
    void startInfrastructure(Collection<Bundle> bundles) {
        List<Bundle> infrastructure = new ArrayList<>();
        List<Bundle> beside = new ArrayList<>();
        for (Bundle b : bundles) {
            String bsn = b.getSymbolicName();
            if (bsn == null || !bsn.startsWith("io.edgesec.") || API_BSN.equals(bsn) || CONFIGURATION_BSN.equals(bsn)) {
                (CONFIG_ADMIN_BSN.equals(bsn) || METATYPE_BSN.equals(bsn) ? beside : infrastructure).add(b);
            }
        }
        SideLane lane = SideLane.start("configadmin+metatype", () -> beside.forEach(this::timedStart));
        infrastructure.forEach(this::timedStart);
        endLane(lane);
    }

    void reportStartTimes(StartReport to) {
        startReport = to;
    }

    private void timedStart(Bundle b) {
        if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null || b.getState() == Bundle.ACTIVE) {
            return; // started with the infrastructure, or nothing to start: not timed twice
        }
        StartupTimeline.Stopwatch timed = new StartupTimeline.Stopwatch();
        start(b);
        long cpuMillis = timed.cpuMillis();
        startReport.bundleStarted(b.getSymbolicName(), timed.millis(), cpuMillis);
    }

    /** Waits for a side lane's work and reports its times with the current phase. */
    private void endLane(SideLane lane) {
        lane.join();
        startReport.sideLane(lane);
    }

    /**
     * Starts everything else but the bundles the first message does not need, in
     * {@link StartOrder}: transports first (so the first message is not held back by the slowest
     * collector), then the aggregator, the detector, the collectors; a bundle that cannot start
     * is reported and the others go on. The detector starts on a side lane beside the transports
     * and the aggregator (the aggregator binds it whenever it registers, and it keeps its alerts
     * until the aggregator's sink arrives); no collector starts before that lane has ended, so
     * the detector still observes every event.
     *
     * <p>When the hub transport starts with the transports, waits up to {@code hubWaitMillis}
     * for it to register before the aggregator starts: SCR may activate its component after the
     * bundle started (on its own thread), and an aggregator started in between would send the
     * events a previous run left queued through the local file transport instead.
     *
     * @return the bundles left for {@link #startDeferred}, in start order
     */
    List<Bundle> startAgent(Collection<Bundle> bundles, long hubWaitMillis, StartOrder order) {
        return startAgent(bundles, hubWaitMillis, order, 0);
    }

    /**
     * {@link #startAgent(Collection, long, StartOrder)}, with the other collectors
     * ({@link StartOrder#OTHER}) held back until the first message is delivered, at most
     * {@code othersWaitMillis}: the system collectors' first High event sends it at once, and
     * bundles started meanwhile only compete with it for the CPU.
     */
    List<Bundle> startAgent(Collection<Bundle> bundles, long hubWaitMillis, StartOrder order, long othersWaitMillis) {
        List<Bundle> ordered = new ArrayList<>(bundles);
        ordered.sort(java.util.Comparator.comparingInt(order::rank));
        List<Bundle> beside = ordered.stream().filter(b -> order.rank(b) == StartOrder.BESIDE_THE_AGGREGATOR).toList();
        SideLane lane = beside.isEmpty() ? null : SideLane.start("detector", () -> beside.forEach(this::timedStart));
        List<Bundle> deferred = new ArrayList<>();
        boolean waited = false;
        boolean heldBack = false;
        for (Bundle b : ordered) {
            int rank = order.rank(b);
            if (rank == StartOrder.BESIDE_THE_AGGREGATOR) {
                continue;
            }
            if (rank == StartOrder.AFTER_FIRST_MESSAGE) {
                deferred.add(b);
                continue;
            }
            if (!waited && rank > StartOrder.TRANSPORT) {
                waited = true;
                awaitHubTransport(hubWaitMillis);
            }
            if (lane != null && rank > StartOrder.BESIDE_THE_AGGREGATOR) {
                endLane(lane);
                lane = null;
            }
            if (!heldBack && rank == StartOrder.OTHER) {
                heldBack = true;
                if (othersWaitMillis > 0) {
                    awaitFirstMessage(othersWaitMillis);
                }
            }
            timedStart(b);
        }
        if (lane != null) {
            endLane(lane);
        }
        return deferred;
    }

    /** Starts the bundles {@link #startAgent} left (not once the agent is stopping). */
    void startDeferred(List<Bundle> deferred) {
        for (Bundle b : deferred) {
            if (stopping) {
                return;
            }
            timedStart(b);
        }
    }

    /**
     * Waits until the aggregator has delivered its first message (its FirstMessageSignal
     * service), at most {@code waitMillis}.
     *
     * @return true if it was delivered
     */
    boolean awaitFirstMessage(long waitMillis) {
        try {
            return ServiceArrival.await(context(), "java.lang.Object", "(edgesec.milestone=first-message)", waitMillis) != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IllegalStateException e) {
            return false; // stopped meanwhile (SIGTERM during start-up): its context is gone
        }
    }

    /** @return true once a MessageTransport named edgehub is registered, false after the wait */
    boolean awaitHubTransport(long waitMillis) {
        try {
            return ServiceArrival.await(context(), "io.edgesec.api.transport.MessageTransport", "(edgesec.transport.name=edgehub)",
                    waitMillis) != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void start(Bundle b) {
        if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null || b.getState() == Bundle.ACTIVE) {
            return;
        }
        try {
            b.start();
        } catch (BundleException | RuntimeException e) {
            LOG.warning("bundle " + b.getSymbolicName() + " did not start: " + e.getMessage());
        }
    }

    /**
     * Applies a configuration document through the configuration bundle's service (by
     * reflection: its API classes live in the framework, not on the launcher's class path).
     *
     * @return the errors, empty if applied
     */
    @SuppressWarnings("unchecked")
    List<String> applyConfiguration(Map<String, Object> document, String source) throws InterruptedException {
        ServiceReference<?> ref = ServiceArrival.await(context(), "io.edgesec.api.config.ConfigurationApplier", null,
                TimeUnit.SECONDS.toMillis(15));
        if (ref == null) {
            StringBuilder states = new StringBuilder();
            for (Bundle b : context().getBundles()) {
                if (b.getState() != Bundle.ACTIVE) {
                    states.append(' ').append(b.getSymbolicName()).append('=').append(stateName(b.getState()));
                }
            }
            return List.of("the configuration service did not start; bundles not active:" + states);
        }
        Object service = context().getService(ref);
        try {
            Method apply = service.getClass().getMethod("apply", Map.class, String.class);
            Object result = apply.invoke(service, document, source);
            return (List<String>) result.getClass().getMethod("errors").invoke(result);
        } catch (ReflectiveOperationException e) {
            return List.of("applying the configuration failed: " + e);
        } finally {
            context().ungetService(ref);
        }
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED (unresolved)";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }

    Bundle bundle(String bsn) {
        for (Bundle b : context().getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** Stops the agent: aggregator first (flushes), then the framework. Idempotent. */
    synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        try {
            Bundle aggregator = bundle(AGGREGATOR_BSN);
            if (aggregator != null && aggregator.getState() == Bundle.ACTIVE) {
                aggregator.stop();
            }
            framework.stop();
            FrameworkEvent e = framework.waitForStop(30_000);
            if (e.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warning("the framework did not stop within 30 s");
            }
        } catch (BundleException | InterruptedException e) {
            LOG.warning("stopping: " + e);
        } finally {
            stopped.countDown();
        }
    }

    /** Blocks until {@link #stop()} has finished (or the framework stopped by itself). */
    void awaitStop() throws InterruptedException {
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            if (framework.getState() == Bundle.RESOLVED || framework.getState() == Bundle.INSTALLED) {
                return;
            }
        }
    }

    List<Bundle> bundles() {
        return List.of(context().getBundles());
    }
}
