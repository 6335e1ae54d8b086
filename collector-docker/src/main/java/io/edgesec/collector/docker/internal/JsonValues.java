package io.edgesec.collector.docker.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Null-safe reads from the maps and lists that {@code io.edgesec.support.json.JsonDocuments} produces. */
public final class JsonValues {
    private JsonValues() {
    }

    /** @return the value at the path of member names, or null when any step is missing */
    public static Object at(Object root, String... path) {
        Object cur = root;
        for (String key : path) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(key);
        }
        return cur;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    public static Map<String, Object> mapAt(Object root, String... path) {
        return map(at(root, path));
    }

    public static List<Object> list(Object value) {
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        return List.of();
    }

    public static String string(Object value) {
        return value == null ? null : value.toString();
    }

    public static String stringAt(Object root, String... path) {
        return string(at(root, path));
    }

    /** @return a non-empty string, or null for null and "" */
    public static String text(Object value) {
        String s = string(value);
        return s == null || s.isEmpty() ? null : s;
    }

    public static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value instanceof String s && s.equalsIgnoreCase("true");
    }

    public static long number(Object value, long fallback) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** Case-insensitive member lookup, as Docker and the IoT Edge agent read createOptions. */
    public static Object getIgnoreCase(Map<String, Object> map, String key) {
        if (map == null) {
            return null;
        }
        Object found = null;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                found = e.getValue(); // the last duplicate wins, as in the runtime
            }
        }
        return found;
    }

    public static boolean containsIgnoreCase(Map<String, Object> map, String key) {
        if (map == null) {
            return false;
        }
        for (String k : map.keySet()) {
            if (k.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    /** Removes every case variant of {@code key}. */
    public static void removeIgnoreCase(Map<String, Object> map, String key) {
        map.keySet().removeIf(k -> k.equalsIgnoreCase(key));
    }

    public static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
