package io.edgesec.transport.edgehub.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Conversions between the SDK's twin collections and plain JSON-shaped maps, and the encoding
 * of twin keys. IoT Hub does not accept {@code .}, {@code $} or a space in a twin key, but
 * configuration PIDs and bundle symbolic names have dots; so keys in edgesec's sections are
 * written with those characters percent-encoded ({@code io%2Eedgesec%2Ecollector%2Eprocess})
 * and decoded on the way in. Keys written with literal dots (a local file, a broker that does
 * not check) are accepted as they are.
 */
final class TwinValues {
    private TwinValues() {
    }

    /** @return a deep copy with plain maps and lists, without $ metadata; empty for null */
    static Map<String, Object> plain(Map<String, ?> collection) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (collection == null) {
            return out;
        }
        for (Map.Entry<String, ?> e : collection.entrySet()) {
            if (e.getKey() == null || e.getKey().startsWith("$")) {
                continue;
            }
            out.put(e.getKey(), plainValue(e.getValue()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object plainValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return plain((Map<String, ?>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(plainValue(x)));
            return out;
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
            return d.longValue(); // "8192" parsed as a double by a lenient reader
        }
        return v;
    }

    /** Decodes every key of this map and the maps below it ({@code %2E} to {@code .} ...). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> decodeKeys(Map<String, ?> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : in.entrySet()) {
            Object v = e.getValue();
            out.put(decode(e.getKey()), v instanceof Map<?, ?> m ? decodeKeys((Map<String, ?>) m) : v);
        }
        return out;
    }

    /**
     * Encodes every key of this map and the maps below it, and turns values into what a twin
     * holds (arrays to lists; other objects to strings).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> encodeKeys(Map<String, ?> in) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, ?> e : in.entrySet()) {
            out.put(encode(e.getKey()), twinValue(e.getValue()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object twinValue(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            return encodeKeys((Map<String, ?>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(twinValue(x)));
            return out;
        }
        if (v.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(twinValue(Array.get(v, i)));
            }
            return out;
        }
        return v.toString();
    }

    static String encode(String key) {
        StringBuilder sb = new StringBuilder(key.length() + 8);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            switch (c) {
                case '%' -> sb.append("%25");
                case '.' -> sb.append("%2E");
                case '$' -> sb.append("%24");
                case ' ' -> sb.append("%20");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String decode(String key) {
        if (key.indexOf('%') < 0) {
            return key;
        }
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '%' && i + 2 < key.length()) {
                String hex = key.substring(i + 1, i + 3).toUpperCase(java.util.Locale.ROOT);
                switch (hex) {
                    case "25" -> { sb.append('%'); i += 2; continue; }
                    case "2E" -> { sb.append('.'); i += 2; continue; }
                    case "24" -> { sb.append('$'); i += 2; continue; }
                    case "20" -> { sb.append(' '); i += 2; continue; }
                    default -> { }
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
