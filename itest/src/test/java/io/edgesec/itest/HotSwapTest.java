package io.edgesec.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import io.edgesec.api.collector.Collector;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.Priority;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * (b) Hot swap: collector-process is uninstalled while the agent runs; its events stop and
 * another collector goes on delivering; installed again, its events resume with the
 * configuration it had.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HotSwapTest extends AgentTestSupport {

    @Test
    public void collectorProcessCanBeRemovedAndReinstalledLive() throws Exception {
        configureAgent("PT1S");
        update("io.edgesec.collector.listeningports", "allNamespaces", false);
        // the marker (High, as ListeningPorts, every second) is the clock: one collected after the
        // removal and written means what collector-process queued before it is written too
        try (Marker heartbeat = marker("TestHeartbeat", Priority.HIGH)) {
            await("ListeningPorts before the swap", () -> count("ListeningPorts") > 0);

            Bundle collector = installed("io.edgesec.collector-process");
            String location = collector.getLocation();
            collector.uninstall();
            refresh(collector);
            assertNull("collector service gone", listeningPortsService());
            heartbeat.awaitCollectedFromNow(1);
            long portsAfterRemoval = count("ListeningPorts");
            heartbeat.awaitCollectedFromNow(3); // three periods collected and sent: the other collector keeps delivering
            assertEquals("no ListeningPorts while collector-process is absent", portsAfterRemoval, count("ListeningPorts"));

            Bundle again = context.installBundle(location);
            again.start();
            await("ListeningPorts resume after reinstall", () -> count("ListeningPorts") > portsAfterRemoval);
            ServiceReference<?> ref = listeningPortsService();
            assertNotNull(ref);
            // the configuration survived the swap: ConfigAdmin handed it to the new instance
            assertEquals("PT1S", ref.getProperty(PeriodicCollector.PERIOD));
            assertEquals(Boolean.FALSE, ref.getProperty("allNamespaces"));
        }
    }

    private ServiceReference<?> listeningPortsService() throws Exception {
        ServiceReference<?>[] refs = context.getAllServiceReferences(PeriodicCollector.class.getName(),
                "(" + Collector.NAME + "=listening-ports)");
        return refs == null ? null : refs[0];
    }
}
