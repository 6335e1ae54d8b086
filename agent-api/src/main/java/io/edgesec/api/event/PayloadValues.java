package io.edgesec.api.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Payload values made immutable when an event is built, so the event stays as it was built. */
@SuppressWarnings("deprecation")
final class PayloadValues {
    private PayloadValues() {
    }

    /**
     * An immutable equivalent of a payload value with the same JSON form.
     *
     * @throws IllegalArgumentException for a value that has no JSON form (names its class)
     */
    static Object frozen(Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Integer || v instanceof Boolean
                || v instanceof Short || v instanceof Byte || v instanceof Character || v instanceof Enum<?>
                || v instanceof BigInteger || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no form for " + d);
            }
            return v;
        }
        if (v instanceof CharSequence cs) {
            return cs.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>(m.size() * 4 / 3 + 1);
            m.forEach((k, x) -> copy.put(String.valueOf(k), frozen(x)));
            return Collections.unmodifiableMap(copy);
        }
        if (v instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>(c.size());
            c.forEach(x -> copy.add(frozen(x)));
            return Collections.unmodifiableList(copy);
        }
        if (v instanceof Object[] a) {
            return frozen(Arrays.asList(a));
        }
        if (v instanceof io.edgesec.api.json.JsonSerializable j) {
            // a caller's own class, mutable for all we know: keep its JSON now (as in 1.x)
            StringBuilder json = new StringBuilder();
            j.writeJson(json);
            return new FixedJson(json.toString());
        }
        if (v instanceof Number) {
            // mutable for all we know (an AtomicLong): keep its JSON text now
            return new FixedJson(v.toString());
        }
        throw new IllegalArgumentException("JSON has no form for a " + v.getClass().getName());
    }

    /** A value's JSON text, taken when the event was built ({@link EventJson} writes it as it is). */
    record FixedJson(String json) {
    }
}
