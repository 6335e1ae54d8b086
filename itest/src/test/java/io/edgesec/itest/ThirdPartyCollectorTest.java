package io.edgesec.itest;

import static org.junit.Assert.assertEquals;

import io.edgesec.bundles.internal.testing.BundleJars;
import io.edgesec.itest.osgi.FrameworkOptions;
import io.edgesec.itest.thirdparty.ThirdPartyActivator;
import io.edgesec.itest.thirdparty.ThirdPartyProbeCollector;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.Priority;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.jar.Manifest;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/** (c) A third-party collector bundle built here is picked up when installed, released when removed. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ThirdPartyCollectorTest extends AgentTestSupport {
    /** The agent's bundles, and bundle-manager's test bundle jars to build the third party's bundle with. */
    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(), FrameworkOptions.bundleJars());
    }

    @Test
    public void thirdPartyBundleIsPickedUpAndReleased() throws Exception {
        configureAgent("PT1H");
        Manifest m = BundleJars.manifest("com.example.probe", "1.0.0");
        m.getMainAttributes().putValue("Import-Package", "io.edgesec.api.collector;version=\"[1.0,2)\","
                + "io.edgesec.api.event;version=\"[1.0,2)\",org.osgi.framework");
        m.getMainAttributes().putValue("Bundle-Activator", ThirdPartyActivator.class.getName());
        byte[] jar = BundleJars.withClasses(m, ThirdPartyActivator.class, ThirdPartyProbeCollector.class);
        Bundle probe = context.installBundle("test:com.example.probe", new ByteArrayInputStream(jar));
        probe.start();
        Map<String, Object> event = awaitEvent("ThirdPartyProbe", e -> "ThirdPartyProbe".equals(e.get("Name")));
        assertEquals("alive", payload(event).get(0).get("Probe"));

        probe.uninstall();
        refresh(probe);
        // markers of the probe's priority and period, collected from now on: once one is written,
        // what the probe handed over before its removal is written too; then three more periods
        try (Marker marker = marker("TestMarker", Priority.LOW)) {
            marker.awaitCollectedFromNow(1);
            long before = count("ThirdPartyProbe");
            marker.awaitCollectedFromNow(3); // three periods of the removed collector, collected and sent
            assertEquals("no ThirdPartyProbe events after uninstall", before, count("ThirdPartyProbe"));
        }
        // the agent goes on: its own collectors still deliver
        long ports = count("ListeningPorts");
        update("io.edgesec.collector.listeningports", "edgesec.collector.period", "PT1S");
        await("ListeningPorts after the removal", () -> count("ListeningPorts") > ports);
    }
}
