package io.edgesec.itest.osgi;

import static io.edgesec.bundles.internal.testing.BundleJars.bundleJar;
import static io.edgesec.itest.osgi.FrameworkOptions.bundleJars;
import static io.edgesec.itest.osgi.FrameworkOptions.dataDir;
import static io.edgesec.itest.osgi.FrameworkOptions.edgesec;
import static io.edgesec.itest.osgi.FrameworkOptions.infrastructure;
import static io.edgesec.itest.osgi.InFramework.awaitService;
import static io.edgesec.itest.osgi.InFramework.bundle;
import static io.edgesec.itest.osgi.InFramework.entry;
import static io.edgesec.itest.osgi.InFramework.providers;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.edgesec.api.bundles.BundleManagement;
import io.edgesec.api.collector.TriggeredCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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

/**
 * The built bundle-manager bundle with only agent-api and the DS/ConfigAdmin/Metatype
 * infrastructure: it resolves, offers agent-api's BundleManagement service and the collector
 * {@code bundles}, and the service installs a verified bundle and refuses one outside the
 * allowed sources.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleManagerBundleTest {
    static final String BSN = "io.edgesec.bundle-manager";

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return options(infrastructure(), dataDir(), bundleJars(), edgesec("agent-api"), edgesec("bundle-manager"));
    }

    @Test
    public void resolvesWithOnlyAgentApiAndOffersTheServiceThatManagesBundles() throws Exception {
        Path data = InFramework.dataDir(context);
        Bundle ours = bundle(context, BSN);
        assertEquals(Bundle.ACTIVE, ours.getState());
        Set<String> providers = providers(ours);
        assertTrue("wired to " + providers,
                Set.of("org.apache.felix.framework", "io.edgesec.agent-api", "org.apache.felix.scr",
                        "com.fasterxml.jackson.core.jackson-core").containsAll(providers));

        awaitService(context, TriggeredCollector.class, "(edgesec.collector.name=bundles)");
        BundleManagement service = InFramework.service(context, BundleManagement.class, null);

        // a verified bundle under the default allowed source (<edgesec.data.dir>/bundles) is installed and started
        Path jar = bundleJar(data.resolve("bundles/incoming/vendor.a.jar"), "vendor.a", "1.0.0", "a");
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("vendor.a", entry(jar, "1.0.0"));
        // and one outside it is refused, nothing read from it
        Path outsideDir = Files.createTempDirectory("edgesec-outside");
        try {
            Path outside = bundleJar(outsideDir.resolve("vendor.b.jar"), "vendor.b", "1.0.0", "b");
            desired.put("vendor.b", entry(outside, "1.0.0"));
            Map<String, Object> states = service.reconcile(desired);
            assertEquals(states.toString(), "ACTIVE", ((Map<?, ?>) states.get("vendor.a")).get("state"));
            assertEquals(states.toString(), "REFUSED", ((Map<?, ?>) states.get("vendor.b")).get("state"));
            assertTrue(String.valueOf(((Map<?, ?>) states.get("vendor.b")).get("error")).contains("outside the allowed sources"));
            Bundle installed = context.getBundle(InFramework.TWIN_LOCATION_PREFIX + "vendor.a");
            assertNotNull(installed);
            assertEquals(Bundle.ACTIVE, installed.getState());
        } finally {
            InFramework.deleteTree(outsideDir);
        }
    }
}
