package io.edgesec.transport.edgehub.internal;

import io.edgesec.support.Bounded;
import io.edgesec.support.json.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the reported properties under IoT Hub's limit (32 KB for a twin's reported properties,
 * shared with the health section):
 * every string is cut to {@link Bounded#REPORTED_TEXT} characters (saying how long it was), and if the
 * document is still too large, bundle entries are left out (nulls that delete a reported entry
 * are kept) and counted in the status.
 */
final class ReportedBudget {
    /**
     * IoT Hub's limit is on the whole reported document, 32 KB, which this document shares with
     * the health section ({@link HealthReporter#MAX_BYTES}) and the hub's own metadata (1 KB
     * kept): both together stay under the limit, whatever the timing of their patches. (At 30 KB
     * here and 16 KB for health, a full bundle report plus a 4 KB health report went over.)
     */
    static final int MAX_BYTES = 32 * 1024 - HealthReporter.MAX_BYTES - 1024;
    /** Longest bundle key reported (a symbolic name has at most 255 characters here). */
    static final int MAX_KEY = 255;

    private ReportedBudget() {
    }

    static int size(Map<String, Object> reported) {
        return JsonText.write(reported).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** @return a copy within {@link #MAX_BYTES} (the twin-encoded reported document) */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fit(Map<String, Object> reported) {
        Map<String, Object> out = (Map<String, Object>) truncated(reported);
        if (!(out.get(io.edgesec.api.config.ConfigurationApplier.EDGESEC_SECTION) instanceof Map<?, ?> e
                && e.get(TwinBridge.BUNDLES) instanceof Map<?, ?> b)) {
            return out;
        }
        Map<String, Object> edgesec = (Map<String, Object>) e;
        Map<String, Object> bundles = new LinkedHashMap<>((Map<String, Object>) b);
        int omitted = 0;
        for (String k : new ArrayList<>(bundles.keySet())) {
            if (k.length() > MAX_KEY) {
                // a twin key of 60 KB is no symbolic name: counted, not echoed
                omitted += bundles.remove(k) != null ? 1 : 0;
            }
        }
        edgesec.put(TwinBridge.BUNDLES, new LinkedHashMap<>(bundles));
        List<String> keys = new ArrayList<>(bundles.keySet());
        for (int i = keys.size() - 1; i >= 0 && size(out) > MAX_BYTES; i--) {
            if (bundles.get(keys.get(i)) != null) {
                bundles.remove(keys.get(i));
                omitted++;
                edgesec.put(TwinBridge.BUNDLES, new LinkedHashMap<>(bundles));
            }
        }
        noteOmitted(edgesec, omitted);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void noteOmitted(Map<String, Object> edgesec, int omitted) {
        if (omitted > 0 && edgesec.get(TwinBridge.STATUS) instanceof Map<?, ?> s) {
            Map<String, Object> status = new LinkedHashMap<>((Map<String, Object>) s);
            status.put("bundlesNotReported", omitted);
            edgesec.put(TwinBridge.STATUS, status);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object truncated(Object v) {
        if (v instanceof String s) {
            return Bounded.text(s, Bounded.REPORTED_TEXT);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, truncated(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(truncated(x)));
            return out;
        }
        return v;
    }
}
