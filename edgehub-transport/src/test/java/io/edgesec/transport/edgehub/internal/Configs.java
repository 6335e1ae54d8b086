package io.edgesec.transport.edgehub.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Typed configurations (component property types) for tests: defaults plus overrides. */
final class Configs {
    private Configs() {
    }

    @SuppressWarnings("unchecked")
    static <A> A of(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            Object d = method.getDefaultValue();
            if (d != null) {
                return d;
            }
            return defaultFor(method);
        });
    }

    private static Object defaultFor(Method m) {
        return switch (m.getName()) {
            case "hashCode" -> 0;
            case "equals" -> false;
            case "toString" -> "config";
            case "annotationType" -> m.getDeclaringClass();
            default -> null;
        };
    }
}
