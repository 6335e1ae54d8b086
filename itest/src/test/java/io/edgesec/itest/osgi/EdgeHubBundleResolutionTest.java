package io.edgesec.itest.osgi;

import static io.edgesec.itest.osgi.FrameworkOptions.dataDir;
import static io.edgesec.itest.osgi.FrameworkOptions.edgesec;
import static io.edgesec.itest.osgi.FrameworkOptions.infrastructure;
import static io.edgesec.itest.osgi.InFramework.awaitComponentState;
import static io.edgesec.itest.osgi.InFramework.bundle;
import static io.edgesec.itest.osgi.InFramework.providers;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.edgesec.api.transport.MessageTransport;
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
 * The built edgehub-transport bundle with only agent-api and the DS/ConfigAdmin/Metatype
 * infrastructure: it resolves, wired to nothing else, and waits for a ConfigurationApplier
 * (bundle management is another bundle's, optional) without offering a transport.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EdgeHubBundleResolutionTest {
    static final String BSN = "io.edgesec.edgehub-transport";
    static final String COMPONENT = "io.edgesec.transport.edgehub.internal.EdgeHubTransport";

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return options(infrastructure(), dataDir(), edgesec("agent-api"), edgesec("edgehub-transport"));
    }

    @Test
    public void resolvesWithOnlyAgentApiAndTheInfrastructure() throws Exception {
        Bundle ours = bundle(context, BSN);
        assertEquals(Bundle.ACTIVE, ours.getState());
        // every package it imports comes from the framework, agent-api, ConfigAdmin or the runtime's
        // JSON library (jackson-core, installed once by the runtime)
        Set<String> providers = providers(ours);
        assertTrue("wired to " + providers, Set.of("org.apache.felix.framework", "io.edgesec.agent-api",
                "org.apache.felix.configadmin", "org.apache.felix.scr", "com.fasterxml.jackson.core.jackson-core").containsAll(providers));
        System.out.println("edgehub-transport is wired to: " + providers);
        // the transport waits for a ConfigurationApplier (bundle management is another bundle's, optional)
        assertEquals(2 /* UNSATISFIED_REFERENCE */, awaitComponentState(context, ours, COMPONENT, 2));
        assertTrue(context.getServiceReferences(MessageTransport.class, null).isEmpty());
    }
}
