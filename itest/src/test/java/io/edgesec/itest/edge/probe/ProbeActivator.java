package io.edgesec.itest.edge.probe;

import io.edgesec.api.collector.Collector;
import io.edgesec.api.collector.TriggeredCollector;
import java.nio.file.Path;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Registers the {@link SequenceProbe} the plain way (no DS). Its log is
 * {@code <edgesec.data.dir>/probe/<symbolic name>.log}; the interval between events is the
 * property {@code edgesec.itest.probe.intervalMs} (framework or system property, default 50).
 */
public final class ProbeActivator implements BundleActivator {
    private SequenceProbe probe;

    @Override
    public void start(BundleContext context) {
        String bsn = context.getBundle().getSymbolicName();
        String data = context.getProperty("edgesec.data.dir");
        String interval = context.getProperty("edgesec.itest.probe.intervalMs");
        probe = new SequenceProbe(Path.of(data == null ? "." : data, "probe", bsn + ".log"),
                interval == null ? 50 : Long.parseLong(interval.trim()), bsn, context.getBundle().getVersion().toString());
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Collector.NAME, bsn);
        context.registerService(TriggeredCollector.class, probe, props);
    }

    @Override
    public void stop(BundleContext context) {
        probe.close(); // the aggregator closes it too when the service goes; either way once
    }
}
