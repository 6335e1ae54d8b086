package io.edgesec.aggregator.internal;

import io.edgesec.aggregator.internal.config.AggregatorConfig;
import io.edgesec.aggregator.internal.config.ConfigDefaults;
import io.edgesec.aggregator.internal.config.Settings;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** An {@link AggregatorConfig} with the annotation's defaults, some values overridden. */
public final class TestConfig {
    public static final String AGENT_ID = "9c647395-b913-4997-a732-a7fe7303b649";

    private TestConfig() {
    }

    /** @param kv key, value, key, value ... (values as the annotation method returns them) */
    public static AggregatorConfig with(Object... kv) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            values.put((String) kv[i], kv[i + 1]);
        }
        AggregatorConfig defaults = ConfigDefaults.of(AggregatorConfig.class);
        return (AggregatorConfig) Proxy.newProxyInstance(AggregatorConfig.class.getClassLoader(),
                new Class<?>[] {AggregatorConfig.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    return method.invoke(defaults, args);
                });
    }

    /** Settings with a fixed agent id (and the given overrides). */
    public static Settings settings(Object... kv) {
        Object[] all = new Object[kv.length + 2];
        all[0] = "agentId";
        all[1] = AGENT_ID;
        System.arraycopy(kv, 0, all, 2, kv.length);
        return new Settings(with(all));
    }
}
