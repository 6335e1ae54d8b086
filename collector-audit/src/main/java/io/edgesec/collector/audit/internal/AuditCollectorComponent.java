package io.edgesec.collector.audit.internal;

import io.edgesec.api.collector.CollectorName;
import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The DS component: registers the audit collector as a {@link TriggeredCollector} named
 * {@code audit}. Runs with defaults when there is no configuration; an invalid configuration
 * fails activation with a message naming the property.
 */
@Component(service = TriggeredCollector.class,
        configurationPid = "io.edgesec.collector.audit", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@CollectorName("audit")
@Designate(ocd = AuditCollectorConfig.class)
public final class AuditCollectorComponent implements TriggeredCollector {
    private final AuditCollector collector;

    @Activate
    public AuditCollectorComponent(AuditCollectorConfig config) {
        this.collector = new AuditCollector(CollectorSettings.from(config));
    }

    @Override
    public void open(EventSink sink) {
        collector.open(sink);
    }

    @Override
    public void close() {
        collector.close();
    }

    @Deactivate
    void deactivate() {
        collector.close(); // the aggregator normally closes first; this makes sure rules go
    }
}
