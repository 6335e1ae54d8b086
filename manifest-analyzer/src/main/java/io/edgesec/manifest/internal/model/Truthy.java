package io.edgesec.manifest.internal.model;

import io.edgesec.manifest.internal.json.JScalar;
import io.edgesec.manifest.internal.json.JsonNode;

/**
 * Normalises the values Newtonsoft.Json turns into a {@code bool} for a typed member such as
 * {@code Privileged}: {@code true}, the strings {@code "true"} in any case, and non-zero numbers.
 */
public final class Truthy {
    private Truthy() {
    }

    public static boolean isTrue(JsonNode n) {
        if (!(n instanceof JScalar s)) {
            return false;
        }
        Object v = s.value();
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String str) {
            return str.trim().equalsIgnoreCase("true");
        }
        if (v instanceof Number num) {
            return num.doubleValue() != 0;
        }
        return false;
    }

    /** @return the value as a long if it is a number or a numeric string, else null */
    public static Long asLong(JsonNode n) {
        if (!(n instanceof JScalar s)) {
            return null;
        }
        Object v = s.value();
        if (v instanceof Number num) {
            return num.longValue();
        }
        if (v instanceof String str) {
            try {
                return Long.parseLong(str.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
