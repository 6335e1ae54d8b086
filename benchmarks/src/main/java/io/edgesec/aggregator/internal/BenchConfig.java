package io.edgesec.aggregator.internal;

import io.edgesec.aggregator.internal.config.AggregatorConfig;
import io.edgesec.aggregator.internal.config.ConfigDefaults;
import io.edgesec.aggregator.internal.config.Settings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;

/** An {@link AggregatorConfig} with the metatype defaults except for the given attributes. */
final class BenchConfig {
    /** A fixed agent id, so no benchmark reads /etc/machine-id. */
    static final String AGENT_ID = "6f1c2a9e-0b7d-4e35-9a51-2f0d8c3b7a10";

    private BenchConfig() {
    }

    static AggregatorConfig of(Map<String, Object> overrides) {
        AggregatorConfig defaults = ConfigDefaults.of(AggregatorConfig.class);
        return (AggregatorConfig) Proxy.newProxyInstance(AggregatorConfig.class.getClassLoader(),
                new Class<?>[] {AggregatorConfig.class}, (proxy, method, args) -> {
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    try {
                        return method.invoke(defaults, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Default settings with aggregation of ProcessCreate, ConnectionCreate, ProcessTerminate on or off. */
    static Settings settings(boolean aggregation) {
        return new Settings(of(Map.of(
                "agentId", AGENT_ID,
                "aggregationEnabledProcessCreate", aggregation,
                "aggregationEnabledConnectionCreate", aggregation,
                "aggregationEnabledProcessTerminate", aggregation)));
    }
}
