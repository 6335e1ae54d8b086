package io.edgesec.detector.internal.stateful;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reading back a rule's saved state ({@code StatefulRule.restore}): the entries its
 * {@code snapshot} wrote, as JSON-ready values, possibly damaged on disk or written by another
 * version.
 */
final class SavedState {
    private SavedState() {
    }

    /** Gives each entry to {@code restore}; an entry it cannot read (a field missing or of another type) is skipped. */
    static void forEach(List<Map<String, Object>> entries, Consumer<Map<String, Object>> restore) {
        for (Map<String, Object> m : entries) {
            try {
                restore.accept(m);
            } catch (RuntimeException e) {
                // damaged entry: skipped
            }
        }
    }

    /** @return a saved map of texts (an alert's entities) as a fresh map, or null where none was saved */
    static Map<String, String> texts(Object saved) {
        if (!(saved instanceof Map<?, ?> m)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }
}
