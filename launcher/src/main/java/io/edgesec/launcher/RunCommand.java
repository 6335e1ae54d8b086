package io.edgesec.launcher;

import io.edgesec.support.EdgeEnvironment;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.osgi.framework.Bundle;

/** {@code edgesec run}: the agent. */
final class RunCommand {
    private static final Logger LOG = Logger.getLogger(RunCommand.class.getName());
    static final String FILE_TRANSPORT_PID = "io.edgesec.transport.file";
    static final String FILE_TRANSPORT_BSN = "io.edgesec.transport-file";
    /** How long the bundles the first message does not need wait for it at most. */
    static final long FIRST_MESSAGE_WAIT_MS = 3_000;
    /**
     * How long the other collectors (process, audit, the bundle manager) wait at most for the
     * first message, which the system collectors' first High event sends at once: they are
     * needed soon, so the wait is short, and one with no High event to send (LocalUsers off)
     * costs them no more than this.
     */
    static final long OTHERS_WAIT_MS = 300;

    private RunCommand() {
    }

    static int run(String[] args, PrintStream err) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(RunOptions.HELP);
            return 0;
        }
        // from here on the launcher's own start: before it, the JVM's (StartupTimeline)
        StartupTimeline timeline = new StartupTimeline();
        RunOptions o = RunOptions.parse(args);
        Map<String, Object> document = LocalConfiguration.read(System.getenv(), o.config);
        String source = source(System.getenv(), o.config);
        boolean edge = EdgeEnvironment.present(System.getenv());

        List<EmbeddedBundles.Entry> entries = EmbeddedBundles.list();
        if (entries.isEmpty()) {
            throw new UsageException("no bundles found inside the launcher (broken build?)");
        }
        String unpacked = System.getProperty(UnpackedBundles.PROPERTY);
        if (unpacked != null && !unpacked.isBlank()) {
            entries = UnpackedBundles.use(entries, java.nio.file.Path.of(unpacked));
        }
        Map<String, String> frameworkProps = new java.util.HashMap<>();
        frameworkProps.put("edgesec.mode", edge ? "edge" : "standalone");
        // jackson-core: the launcher's copy serves the bundles too (one copy of its classes)
        SharedLibraries.Split shared = SharedLibraries.split(entries);
        entries = shared.install();
        if (!shared.systemPackagesExtra().isEmpty()) {
            frameworkProps.put(org.osgi.framework.Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, shared.systemPackagesExtra());
        }
        // the metrics endpoint's default port where the aggregator's configuration sets none
        // (the image sets EDGESEC_METRICS_PORT=9600; a plain jar run serves no metrics)
        String metricsPort = System.getenv("EDGESEC_METRICS_PORT");
        if (metricsPort != null && !metricsPort.isBlank()) {
            frameworkProps.put("edgesec.metrics.port", metricsPort.trim());
        }
        timeline.mark("options+configuration read");
        AgentRuntime runtime = new AgentRuntime(o.dataDir, frameworkProps);
        timeline.mark("framework");
        runtime.reportStartTimes(timeline);
        Thread hook = new Thread(runtime::stop, "edgesec-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        List<Bundle> bundles = runtime.install(entries);
        timeline.mark("install+resolve");
        runtime.startInfrastructure(bundles);
        timeline.mark("infrastructure");

        Map<String, Object> withOutput = withOutput(document, o.output);
        // The configuration bundle logs a rejection (right for twin updates); at start-up the
        // launcher's own one-line error says it, so that log is silenced for this call.
        java.util.logging.Logger applierLog = java.util.logging.Logger.getLogger("io.edgesec.configuration.internal.DesiredConfigurationApplier");
        java.util.logging.Level previous = applierLog.getLevel();
        applierLog.setLevel(java.util.logging.Level.SEVERE);
        List<String> errors;
        try {
            errors = runtime.applyConfiguration(withOutput, source.isEmpty() ? "command line" : source);
        } finally {
            applierLog.setLevel(previous);
        }
        timeline.mark("configuration");
        if (!errors.isEmpty()) {
            for (String e : errors) {
                err.println("edgesec run: " + (source.isEmpty() ? "" : source + ": ") + e);
            }
            runtime.stop();
            Runtime.getRuntime().removeShutdownHook(hook);
            return 2;
        }
        // The hub transport registers only when it has a hub to talk to (IoT Edge environment or a
        // configured connection string), outranking the file; when one is expected its component
        // is given up to 10 s to register before the aggregator starts, so that nothing goes to
        // the file that was meant for the hub.
        // In edge mode messages are for the hub: the local transport (standard output by default)
        // would take them whenever the hub transport is briefly unregistered (reconfigured by the
        // twin, reconnecting), so it runs only when --output asks for it; meanwhile they wait
        // in the queues and the journal.
        boolean localTransport = !edge || o.outputGiven;
        List<Bundle> toStart = localTransport ? bundles
                : bundles.stream().filter(b -> !FILE_TRANSPORT_BSN.equals(b.getSymbolicName())).toList();
        // The wait only keeps hub-bound messages off a local transport, so it is for when one runs:
        // in edge mode without --output nothing but the hub takes messages, and they wait in the
        // queues until its transport registers (waiting here cost every edge start 10 s: the hub
        // transport's bundle starts after the aggregator). Standalone without a connection string
        // the hub transport never registers (it reads only the environment and this document, and
        // the framework's cache, ConfigAdmin's included, starts clean): waiting would only delay.
        boolean hubExpected = edge || hubConfigured(document);
        long hubWait = localTransport && hubExpected ? 10_000 : 0;
        List<Bundle> deferred = runtime.startAgent(toStart, hubWait, new StartOrder(hubWait > 0, hubExpected),
                OTHERS_WAIT_MS);
        timeline.mark("agent bundles");
        // The bundles the first message does not need start once it is delivered, so that they do
        // not compete with it for the CPU; at most FIRST_MESSAGE_WAIT_MS later (a hub that does not
        // answer, a configuration with no High events). "running" is logged after them, as before.
        boolean firstSent = runtime.awaitFirstMessage(FIRST_MESSAGE_WAIT_MS);
        timeline.mark(firstSent ? "first message" : "first message not yet");
        runtime.startDeferred(deferred);
        timeline.mark("bundles after the first message");
        long active = runtime.bundles().stream().filter(b -> b.getState() == Bundle.ACTIVE).count();
        // Say where messages really go.
        boolean hub = runtime.awaitHubTransport(0);
        String mode = edge ? "edge" : "standalone";
        if (edge && !hub) {
            LOG.warning("IoT Edge environment found, but no hub transport is registered: messages go to the local transport");
        }
        String destination = hub ? "the IoT Edge hub"
                : !localTransport ? "the IoT Edge hub once its transport registers (queued until then)"
                : "-".equals(o.output) ? "standard output" : o.output;
        LOG.info("edgesec " + Version.get() + " running in " + mode + " mode: " + active + " bundles active; messages to "
                + destination);
        LOG.info("start-up: " + timeline);
        LOG.fine(() -> "bundle start times: " + timeline.bundles());
        if (o.duration != null) {
            Thread.sleep(o.duration.toMillis());
            runtime.stop();
        } else {
            runtime.awaitStop();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return 0;
    }

    /** @return where the local configuration came from, for messages ("" when nowhere) */
    static String source(Map<String, String> env, java.nio.file.Path config) {
        String fromEnv = env.get(LocalConfiguration.ENV);
        String e = fromEnv == null || fromEnv.isBlank() ? "" : LocalConfiguration.ENV + " " + fromEnv.trim();
        String c = config == null ? "" : "--config " + config;
        return e.isEmpty() || c.isEmpty() ? e + c : e + " + " + c;
    }

    /** @return true if the document gives the hub transport a connection string (a hub without IoT Edge) */
    @SuppressWarnings("unchecked")
    static boolean hubConfigured(Map<String, Object> document) {
        if (document.get("edgesec") instanceof Map<?, ?> e && ((Map<String, Object>) e).get("io.edgesec.transport.edgehub") instanceof Map<?, ?> t) {
            Object cs = t.get("connectionString");
            return cs instanceof String str && !str.isBlank();
        }
        return false;
    }

    /** The --output choice as configuration of the file transport, merged into the document. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withOutput(Map<String, Object> document, String output) {
        Map<String, Object> doc = new LinkedHashMap<>(document);
        Map<String, Object> edgesec = doc.get("edgesec") instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        Map<String, Object> file = edgesec.get(FILE_TRANSPORT_PID) instanceof Map<?, ?> f
                ? new LinkedHashMap<>((Map<String, Object>) f) : new LinkedHashMap<>();
        file.put("path", output);
        edgesec.put(FILE_TRANSPORT_PID, file);
        doc.put("edgesec", edgesec);
        return doc;
    }
}
