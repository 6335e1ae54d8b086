package io.edgesec.transport.edgehub.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The bundle manager's states as the reported {@code bundles} section: a name reported before and
 * no longer among the states is set to null, which deletes it at the hub (reported properties
 * are merge patches). Not thread-safe: the twin bridge's worker thread uses it.
 */
final class ReportedBundles {
    private final Set<String> reported = new HashSet<>();

    Map<String, Object> patch(Map<String, Object> states) {
        Map<String, Object> b = new LinkedHashMap<>();
        for (String gone : reported) {
            if (!states.containsKey(gone)) {
                b.put(gone, null);
            }
        }
        b.putAll(states);
        reported.clear();
        states.forEach((k, v) -> {
            if (v != null) {
                reported.add(k);
            }
        });
        return b;
    }
}
