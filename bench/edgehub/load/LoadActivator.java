package io.edgesec.bench.edgehub.load;

import io.edgesec.api.collector.Collector;
import io.edgesec.api.collector.TriggeredCollector;
import java.nio.file.Path;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the load collector; rate and distinct payloads from system properties of the agent JVM. */
public final class LoadActivator implements BundleActivator {
    private LoadCollector collector;

    @Override
    public void start(BundleContext context) {
        int rate = Integer.parseInt(property(context, "edgesec.bench.rate", "1000"));
        int distinct = Integer.parseInt(property(context, "edgesec.bench.distinct", "20"));
        String data = property(context, "edgesec.data.dir", ".");
        collector = new LoadCollector(rate, distinct, Path.of(data, "bench-load.stats"));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Collector.NAME, "edgesec-bench-load");
        context.registerService(TriggeredCollector.class, collector, props);
    }

    private static String property(BundleContext context, String key, String fallback) {
        String v = context.getProperty(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    @Override
    public void stop(BundleContext context) {
        collector.close();
    }
}
