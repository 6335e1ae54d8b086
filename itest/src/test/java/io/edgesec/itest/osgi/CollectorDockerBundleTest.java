package io.edgesec.itest.osgi;

import static io.edgesec.itest.osgi.FrameworkOptions.containerEngine;
import static io.edgesec.itest.osgi.FrameworkOptions.edgesec;
import static io.edgesec.itest.osgi.FrameworkOptions.infrastructure;
import static io.edgesec.itest.osgi.InFramework.bundle;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.edgesec.api.collector.EventEnricher;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.docker.internal.testing.TestEngine;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The built collector-docker bundle with nothing beside it but agent-api and the
 * infrastructure: it must resolve and start, register its four services, and its embedded
 * Docker client must talk to a real engine from inside the framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CollectorDockerBundleTest {
    static final String BSN = "io.edgesec.collector-docker";
    static final String PID = "io.edgesec.collector.docker";

    @Inject
    BundleContext context;

    @Inject
    ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return options(infrastructure(), containerEngine(), edgesec("agent-api"), edgesec("collector-docker"));
    }

    @Test
    public void bundleResolvesStartsAndCollectsInsideFelix() throws Exception {
        try (TestEngine engine = TestEngine.start(TestEngine.Kind.DOCKER)) {
            String id = engine.docker("create", "--name", "felix-check", "--network", "none", "--privileged",
                    TestEngine.IMAGE, "true").strip();
            assertEquals("io.edgesec.collector-docker is active", Bundle.ACTIVE, bundle(context, BSN).getState());

            org.osgi.service.cm.Configuration config = configAdmin.getConfiguration(PID, "?");
            Hashtable<String, Object> values = new Hashtable<>();
            values.put("dockerHost", engine.host());
            config.update(values);

            PeriodicCollector inventory = awaitInventoryFrom(engine.host());
            assertNotNull(InFramework.service(context, TriggeredCollector.class, "(edgesec.collector.name=docker-events)"));
            assertNotNull(InFramework.service(context, PeriodicCollector.class, "(edgesec.collector.name=docker-manifest)"));
            assertNotNull("the enricher", InFramework.service(context, EventEnricher.class, null));

            List<SecurityEvent> events = inventory.collect();
            assertEquals(1, events.size());
            String json = events.get(0).toJson();
            assertTrue(json, json.contains("\"Name\":\"ContainerInventory\""));
            assertTrue(json, json.contains("\"ContainerId\":\"" + id + "\""));
            assertTrue(json, json.contains("\"Privileged\":true"));
        }
    }

    /** The docker-inventory collector once it reads the configured engine (not the default socket). */
    private PeriodicCollector awaitInventoryFrom(String host) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String last = "no service";
        while (System.nanoTime() < deadline) {
            ServiceReference<PeriodicCollector> ref = InFramework.reference(context, PeriodicCollector.class,
                    "(edgesec.collector.name=docker-inventory)");
            // null: unregistered between the lookup and the get (DS re-registers the component
            // for the new configuration); look again
            PeriodicCollector service = ref != null ? context.getService(ref) : null;
            if (service != null) {
                List<SecurityEvent> events = service.collect();
                String json = events.isEmpty() ? "no event" : events.get(0).toJson();
                if (json.contains("ContainerInventory")) {
                    return service; // the configured engine answered
                }
                last = json;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no docker-inventory collector reading " + host + ": " + last + InFramework.states(context));
    }
}
