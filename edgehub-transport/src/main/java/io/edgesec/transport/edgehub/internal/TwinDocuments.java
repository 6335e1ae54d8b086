package io.edgesec.transport.edgehub.internal;

import io.edgesec.api.config.ConfigurationApplier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the twin bridge does to a desired-properties document before anything is applied: drops
 * the twin's metadata, refuses a document whose edgesec sections have the wrong shape as a whole,
 * and merges a patch into what is known (RFC 7386).
 */
final class TwinDocuments {
    private TwinDocuments() {
    }

    /** @return why the document's shape is refused as a whole (a section of the wrong type), or null */
    @SuppressWarnings("unchecked")
    static String shapeProblem(Map<String, Object> document) {
        if (!document.containsKey(ConfigurationApplier.EDGESEC_SECTION)) {
            return null;
        }
        Object section = document.get(ConfigurationApplier.EDGESEC_SECTION);
        if (section == null) {
            return null;
        }
        if (!(section instanceof Map<?, ?> m)) {
            return ConfigurationApplier.EDGESEC_SECTION + ": expected an object of configuration PID to properties, got "
                    + jsonType(section);
        }
        Map<String, Object> decoded = TwinValues.decodeKeys((Map<String, ?>) m);
        if (decoded.containsKey(TwinBridge.BUNDLES)) {
            Object b = decoded.get(TwinBridge.BUNDLES);
            if (b != null && !(b instanceof Map<?, ?>)) {
                return ConfigurationApplier.EDGESEC_SECTION + "/" + TwinBridge.BUNDLES + ": expected an object of symbolic name to "
                        + "{version, location, sha256}, got " + jsonType(b);
            }
        }
        return null;
    }

    static String jsonType(Object v) {
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        return v == null ? "null" : "an object";
    }

    /** RFC 7386 merge patch of {@code patch} into {@code target}. */
    @SuppressWarnings("unchecked")
    static void mergePatch(Map<String, Object> target, Object patch) {
        if (patch == null) {
            target.clear();
            return;
        }
        if (!(patch instanceof Map<?, ?> p)) {
            return;
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) p).entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                target.remove(e.getKey());
            } else if (v instanceof Map<?, ?> && target.get(e.getKey()) instanceof Map<?, ?> existing) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) existing);
                mergePatch(merged, v);
                target.put(e.getKey(), merged);
            } else {
                target.put(e.getKey(), v instanceof Map<?, ?> ? new LinkedHashMap<>((Map<String, Object>) v) : v);
            }
        }
    }

    /** @return the document without the twin's own {@code $version}, {@code $metadata} ... */
    static Map<String, Object> withoutMetadata(Map<String, Object> doc) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (doc != null) {
            doc.forEach((k, v) -> {
                if (!k.startsWith("$")) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }
}
