package io.edgesec.aggregator.internal.config;

import java.lang.reflect.Proxy;

/** An instance of a configuration annotation that answers every method with its default. */
public final class ConfigDefaults {
    private ConfigDefaults() {
    }

    public static <T> T of(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object d = method.getDefaultValue();
            if (d != null) {
                return d;
            }
            return switch (method.getName()) {
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> type.getSimpleName() + " defaults";
                case "annotationType" -> type;
                default -> throw new IllegalStateException("no default for " + method.getName());
            };
        }));
    }
}
