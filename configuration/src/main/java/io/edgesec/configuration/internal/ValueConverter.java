package io.edgesec.configuration.internal;

import java.lang.reflect.Array;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Turns a JSON value into the type a metatype attribute declares, and checks it: type,
 * cardinality, options, min/max (through the metatype's own validation), and for attributes
 * whose default is an ISO-8601 duration or a priority, that the new value is one too.
 */
final class ValueConverter {
    private ValueConverter() {
    }

    /** @return the converted value (a scalar or an array); throws naming what is wrong */
    static Object convert(AttributeDefinition ad, Object json) {
        if (ad.getCardinality() != 0) {
            List<?> items = json instanceof List<?> l ? l : java.util.Collections.singletonList(json);
            int max = Math.abs(ad.getCardinality());
            if (items.size() > max) {
                throw new IllegalArgumentException("at most " + max + " values, got " + items.size());
            }
            Object array = Array.newInstance(javaType(ad.getType()), items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, scalar(ad, items.get(i)));
            }
            return array;
        }
        if (json instanceof List<?>) {
            throw new IllegalArgumentException("expected a single value, got a list");
        }
        return scalar(ad, json);
    }

    private static Object scalar(AttributeDefinition ad, Object v) {
        if (v == null) {
            throw new IllegalArgumentException("null is not allowed here");
        }
        Object out;
        switch (ad.getType()) {
            case AttributeDefinition.BOOLEAN -> {
                if (v instanceof Boolean b) {
                    out = b;
                } else if ("true".equalsIgnoreCase(v.toString()) || "false".equalsIgnoreCase(v.toString())) {
                    out = Boolean.parseBoolean(v.toString());
                } else {
                    throw new IllegalArgumentException("'" + v + "' is not true or false");
                }
            }
            case AttributeDefinition.INTEGER -> out = (int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case AttributeDefinition.LONG -> out = integral(v, Long.MIN_VALUE, Long.MAX_VALUE);
            case AttributeDefinition.SHORT -> out = (short) integral(v, Short.MIN_VALUE, Short.MAX_VALUE);
            case AttributeDefinition.BYTE -> out = (byte) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case AttributeDefinition.DOUBLE -> out = number(v).doubleValue();
            case AttributeDefinition.FLOAT -> out = number(v).floatValue();
            case AttributeDefinition.CHARACTER -> {
                String s = v.toString();
                if (s.length() != 1) {
                    throw new IllegalArgumentException("'" + s + "' is not a single character");
                }
                out = s.charAt(0);
            }
            default -> {
                if (v instanceof java.util.Map || v instanceof List) {
                    throw new IllegalArgumentException("expected a string, got a JSON " + (v instanceof List ? "array" : "object"));
                }
                out = v.toString();
                checkLength(ad, (String) out);
                checkShape(ad, (String) out);
            }
        }
        String problem = ad.validate(out.toString());
        if (problem != null && !problem.isEmpty()) {
            String text = out.toString();
            throw new IllegalArgumentException((text.length() > 100 ? "a value of " + text.length() + " characters"
                    : "'" + text + "'") + ": " + problem);
        }
        return out;
    }

    /**
     * Longest string any setting takes; a metatype's own {@code max} (hubResourceId: 1024) is
     * checked by its validation. As long as IoT Hub's whole desired document may be (32 KB): a
     * deployment manifest given inline must fit, a megabyte of text must not.
     */
    static final int DEFAULT_MAX_LENGTH = 32 * 1024;

    /**
     * Every string has a length limit: the metatype's {@code max} where it declares one (for
     * strings the metatype's min/max are lengths; checked by its own validation below), and
     * never more than {@link #DEFAULT_MAX_LENGTH}. The value is not echoed.
     */
    private static void checkLength(AttributeDefinition ad, String value) {
        int max = DEFAULT_MAX_LENGTH;
        if (value.length() > max) {
            throw new IllegalArgumentException("a value of " + value.length() + " characters is longer than the limit of " + max);
        }
    }

    /** Durations and priorities are strings to the metatype; check them as what they are. */
    private static void checkShape(AttributeDefinition ad, String value) {
        String[] defaults = ad.getDefaultValue();
        String d = defaults != null && defaults.length > 0 ? defaults[0] : null;
        if (d == null) {
            return;
        }
        if (d.startsWith("P") && isDuration(d)) {
            try {
                Duration parsed = Duration.parse(value);
                if (parsed.isNegative() || parsed.isZero()) {
                    throw new IllegalArgumentException("'" + value + "' must be a positive duration");
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 duration (e.g. PT7M)");
            }
        }
        if (ad.getID().startsWith("eventPriority")) {
            String v = value.toLowerCase(Locale.ROOT);
            if (!v.equals("high") && !v.equals("low") && !v.equals("off")) {
                throw new IllegalArgumentException("'" + value + "' is not a priority (High, Low or Off)");
            }
        }
    }

    private static boolean isDuration(String s) {
        try {
            Duration.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static long integral(Object v, long min, long max) {
        long l;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            l = ((Number) v).longValue();
        } else if (v instanceof Number n) {
            // exactly, not through a cast that clamps 1e20 to Long.MAX_VALUE
            java.math.BigDecimal d;
            try {
                d = new java.math.BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + v + "' is not a whole number");
            }
            if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("'" + v + "' is not a whole number");
            }
            if (d.compareTo(java.math.BigDecimal.valueOf(min)) < 0 || d.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
                throw new IllegalArgumentException(d.toPlainString() + " is out of range");
            }
            l = d.longValueExact();
        } else {
            try {
                l = Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + v + "' is not a whole number");
            }
        }
        if (l < min || l > max) {
            throw new IllegalArgumentException(l + " is out of range");
        }
        return l;
    }

    private static Number number(Object v) {
        if (v instanceof Number n) {
            return n;
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a number");
        }
    }

    static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            default -> String.class;
        };
    }

    /** The metatype default of an attribute in its declared type (a scalar or an array). */
    static Object defaultValue(AttributeDefinition ad) {
        String[] d = ad.getDefaultValue();
        if (ad.getCardinality() != 0) {
            // an empty list default ({}) comes as no value or as one empty string: both mean no items
            String[] src = d == null || d.length == 1 && d[0].isEmpty() && ad.getType() == AttributeDefinition.STRING ? new String[0] : d;
            Object array = Array.newInstance(javaType(ad.getType()), src.length);
            for (int i = 0; i < src.length; i++) {
                Array.set(array, i, scalar(ad, src[i]));
            }
            return array;
        }
        if (d == null || d.length == 0) {
            return null;
        }
        return scalar(ad, d[0]);
    }
}
