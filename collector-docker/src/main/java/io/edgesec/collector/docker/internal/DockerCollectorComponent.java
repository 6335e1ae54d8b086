package io.edgesec.collector.docker.internal;

import io.edgesec.api.collector.Collector;
import io.edgesec.api.collector.EventEnricher;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.manifest.ManifestAnalysis;
import io.edgesec.collector.docker.internal.engine.LazyEngineClient;
import io.edgesec.collector.docker.internal.events.ContainerEventCollector;
import io.edgesec.collector.docker.internal.inventory.ContainerInventoryCollector;
import io.edgesec.collector.docker.internal.inventory.ContainerScanner;
import io.edgesec.collector.docker.internal.inventory.KnownContainers;
import io.edgesec.collector.docker.internal.manifest.DeviceManifestCollector;
import io.edgesec.collector.docker.internal.pidmap.ContainerProcessEnricher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Wires one engine connection to the four services of this bundle and registers them:
 * {@code docker-inventory} and {@code docker-manifest} ({@link PeriodicCollector}),
 * {@code docker-events} ({@link TriggeredCollector}) and the process-to-container
 * {@link EventEnricher}. They are registered here rather than as separate components because they
 * share the connection and the container-name cache, and each periodic collector's period comes
 * from its own configuration property. A configuration change re-creates all of them.
 */
@Component(configurationPid = DockerCollectorConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {})
@Designate(ocd = DockerCollectorConfig.class)
public final class DockerCollectorComponent {
    /** Service property of the enricher, naming it in the aggregator's reports. */
    public static final String ENRICHER_NAME = "edgesec.enricher.name";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ManifestAnalysis manifestAnalysis;

    private final LazyEngineClient engine;
    private final ContainerEventCollector events;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public DockerCollectorComponent(BundleContext context, DockerCollectorConfig config) {
        String host = config.dockerHost().trim();
        this.engine = new LazyEngineClient(host, duration(config.requestTimeout(), "PT30S"));
        KnownContainers known = new KnownContainers();
        ContainerScanner scanner = new ContainerScanner(engine, known);
        this.events = new ContainerEventCollector(engine, known, host,
                duration(config.reconnectMinBackoff(), "PT1S"), duration(config.reconnectMaxBackoff(), "PT60S"));
        String expected = config.expectedManifest() == null ? "" : config.expectedManifest().trim();
        DeviceManifestCollector manifest = new DeviceManifestCollector(scanner, () -> manifestAnalysis,
                expected.isEmpty() ? null : Path.of(expected), host);
        try {
            registrations.add(context.registerService(PeriodicCollector.class,
                    new ContainerInventoryCollector(scanner, host),
                    props(Collector.NAME, ContainerInventoryCollector.NAME, PeriodicCollector.PERIOD,
                            duration(config.inventoryPeriod(), "PT5M").toString())));
            registrations.add(context.registerService(TriggeredCollector.class, events,
                    props(Collector.NAME, ContainerEventCollector.NAME)));
            registrations.add(context.registerService(PeriodicCollector.class, manifest,
                    props(Collector.NAME, DeviceManifestCollector.NAME, PeriodicCollector.PERIOD,
                            duration(config.manifestPeriod(), "PT15M").toString())));
            registrations.add(context.registerService(EventEnricher.class,
                    new ContainerProcessEnricher(Path.of(config.procRoot()), known),
                    props(ENRICHER_NAME, "docker-container")));
        } catch (RuntimeException e) {
            deactivate();
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        registrations.clear();
        events.close();
        engine.close();
    }

    private static Dictionary<String, Object> props(String... kv) {
        Hashtable<String, Object> t = new Hashtable<>();
        for (int i = 0; i < kv.length; i += 2) {
            t.put(kv[i], kv[i + 1]);
        }
        return t;
    }

    /** An unreadable duration falls back to the default rather than stopping the collector. */
    static Duration duration(String value, String fallback) {
        try {
            Duration d = Duration.parse(value.trim());
            return d.isNegative() || d.isZero() ? Duration.parse(fallback) : d;
        } catch (DateTimeParseException | NullPointerException e) {
            return Duration.parse(fallback);
        }
    }
}
