package io.edgesec.itest.thirdparty;

import io.edgesec.api.collector.Collector;
import io.edgesec.api.collector.PeriodicCollector;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the third-party collector the plain way (no DS needed). */
public class ThirdPartyActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Collector.NAME, "third-party-probe");
        props.put(PeriodicCollector.PERIOD, "PT1S");
        context.registerService(PeriodicCollector.class, new ThirdPartyProbeCollector(), props);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
