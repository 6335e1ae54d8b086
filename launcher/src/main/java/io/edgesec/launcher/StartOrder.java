package io.edgesec.launcher;

import java.util.Set;
import org.osgi.framework.Bundle;

/**
 * The order the agent's bundles start in, chosen for the first message: the transports, the
 * aggregator, the detector (it observes every event, so it runs before any collector), the
 * system collectors (their LocalUsers snapshot is the first High event of a default
 * configuration, and a High event sends the first message at once), the other collectors (once
 * that first message is delivered, at most RunCommand.OTHERS_WAIT_MS later: started meanwhile,
 * they only competed with it for the CPU; paired in the image, 0.95x the wall time to it); and
 * last, once the first message is delivered, the bundles it does not need: the manifest
 * analyzer, the Docker collector (its engine client and its containers' manifests) and, when no
 * hub is expected, the hub transport (it only says that it is not offered). On two busy cores,
 * what starts before the first message delays it: each of these costs tens of ms of CPU at start.
 * The detector starts beside the transports and the aggregator, on a second thread
 * ({@link #BESIDE_THE_AGGREGATOR}), and has started before the first collector does.
 *
 * <p>The bundle manager starts with the collectors. Deferred, it arrived after the twin at every
 * start; the twin bridge handles that (it keeps the bundles section and reports the update
 * {@code pending} until the manager has taken it: TwinBridge, TwinBundleManagerRestartTest), but
 * paired start-up rounds showed no gain from deferring it (bench/RESULTS.md, B/A CPU 1.007 over
 * 18 rounds), while twin-managed collectors came back up to 3 s later after each restart.
 */
final class StartOrder {
    static final int TRANSPORT = 0;
    static final int AGGREGATOR = 1;
    static final int DETECTOR = 2;
    /**
     * The rank that starts on a side lane beside the transports and the aggregator
     * (AgentRuntime.startAgent), joined before any later rank starts: the detector, which needs
     * nothing of theirs at its start but must be there before the first collector.
     */
    static final int BESIDE_THE_AGGREGATOR = DETECTOR;
    static final int FIRST_HIGH = 3;
    static final int OTHER = 4;
    /** Started once the first message is delivered (AgentRuntime.startDeferred). */
    static final int AFTER_FIRST_MESSAGE = 5;

    static final String DETECTOR_BSN = "io.edgesec.detector";
    static final String SYSTEM_COLLECTORS_BSN = "io.edgesec.collector-system";
    private static final Set<String> NOT_FOR_THE_FIRST_MESSAGE = Set.of("io.edgesec.manifest-analyzer",
            "io.edgesec.collector-docker");

    private final boolean hubFirst;
    private final boolean hubExpected;

    /**
     * @param hubFirst    the hub transport starts with the transports (the launcher waits for it
     *                    before the aggregator)
     * @param hubExpected a hub is configured or IoT Edge's environment is there: the hub
     *                    transport may carry the first message, so it is never deferred
     */
    StartOrder(boolean hubFirst, boolean hubExpected) {
        this.hubFirst = hubFirst;
        this.hubExpected = hubExpected || hubFirst;
    }

    int rank(Bundle b) {
        String bsn = b.getSymbolicName();
        if (AgentRuntime.HUB_TRANSPORT_BSN.equals(bsn)) {
            return hubFirst ? TRANSPORT : hubExpected ? OTHER : AFTER_FIRST_MESSAGE;
        }
        String provided = b.getHeaders().get("Provide-Capability");
        if (provided != null && provided.contains("io.edgesec.api.transport.MessageTransport")) {
            return TRANSPORT;
        }
        if (AgentRuntime.AGGREGATOR_BSN.equals(bsn)) {
            return AGGREGATOR;
        }
        if (DETECTOR_BSN.equals(bsn)) {
            return DETECTOR;
        }
        if (SYSTEM_COLLECTORS_BSN.equals(bsn)) {
            return FIRST_HIGH;
        }
        return NOT_FOR_THE_FIRST_MESSAGE.contains(bsn) ? AFTER_FIRST_MESSAGE : OTHER;
    }
}
