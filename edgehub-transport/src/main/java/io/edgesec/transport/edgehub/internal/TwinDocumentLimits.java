package io.edgesec.transport.edgehub.internal;

import io.edgesec.support.json.JsonText;
import java.util.List;
import java.util.Map;

/**
 * Limits on one desired document or patch as a whole, checked before any of it is looked at:
 * its size, its nesting depth and its number of keys. IoT Hub itself allows 32 KB of desired
 * properties and a depth of 10; edgesec's own sections need a depth of 5 (section, PID,
 * property, value, list); anything far beyond is not configuration but an attack, and is
 * rejected as a whole with one report.
 */
final class TwinDocumentLimits {
    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_DEPTH = 10;
    static final int MAX_KEYS = 1000;

    private TwinDocumentLimits() {
    }

    /** @return what is over a limit, or null if the document is within them */
    static String check(Map<String, Object> document) {
        int[] keys = {0};
        int depth = depth(document, 1, keys);
        if (depth > MAX_DEPTH) {
            return "the document is nested deeper than " + MAX_DEPTH + " levels";
        }
        if (keys[0] > MAX_KEYS) {
            return "the document has " + keys[0] + " keys (the limit is " + MAX_KEYS + ")";
        }
        int bytes = JsonText.write(document).length();
        if (bytes > MAX_BYTES) {
            return "the document has " + bytes + " characters (the limit is " + MAX_BYTES + ")";
        }
        return null;
    }

    /** @return the depth (stops counting past the limit, so a hostile depth costs no stack) */
    private static int depth(Object v, int level, int[] keys) {
        if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>)) {
            return level - 1; // a scalar adds no level
        }
        if (level > MAX_DEPTH) {
            return level;
        }
        int max = level;
        if (v instanceof Map<?, ?> m) {
            keys[0] += m.size();
            for (Object child : m.values()) {
                max = Math.max(max, depth(child, level + 1, keys));
                if (max > MAX_DEPTH) {
                    return max;
                }
            }
        } else {
            List<?> l = (List<?>) v;
            for (Object child : l) {
                max = Math.max(max, depth(child, level + 1, keys));
                if (max > MAX_DEPTH) {
                    return max;
                }
            }
        }
        return max;
    }
}
