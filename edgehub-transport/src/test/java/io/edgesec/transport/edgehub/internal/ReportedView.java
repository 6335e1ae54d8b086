package io.edgesec.transport.edgehub.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's side of a {@link TwinBridge} under test: records every reported patch and answers
 * what the reported properties say once the bridge has drained, merged in order as the hub
 * merges them (JSON merge patch).
 */
final class ReportedView implements TwinBridge.Reporter {
    private final List<Map<String, Object>> patches = new ArrayList<>();

    @Override
    public synchronized void report(Map<String, Object> reported) {
        patches.add(reported);
    }

    /** The reported properties after everything the bridge has queued is sent. */
    Map<String, Object> merged(TwinBridge bridge) throws InterruptedException {
        assertTrue(bridge.drain(10_000), "the bridge did not drain in 10 s");
        Map<String, Object> doc = new LinkedHashMap<>();
        synchronized (this) {
            patches.forEach(p -> TwinResponder.merge(doc, p));
        }
        return doc;
    }

    /** {@code edgesec.status.<field>} of the reported properties. */
    Object status(TwinBridge bridge, String field) throws InterruptedException {
        return TwinResponder.path(merged(bridge), "edgesec", "status", field);
    }

    /** {@code edgesec.bundles.<bsn>.state} of the reported properties. */
    Object state(TwinBridge bridge, String bsn) throws InterruptedException {
        return TwinResponder.path(merged(bridge), "edgesec", "bundles", bsn, "state");
    }
}
