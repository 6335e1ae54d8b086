package io.edgesec.configuration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Which bundles a PID's lookup has Metatype read: the bundle holding a metatype file named
 * after the PID first, every bundle in order where none does (each read parses all of that
 * bundle's metatype files, which at start-up is what costs).
 */
class MetatypeLookupTest {
    /** The bundles whose metatype was asked for, in order. */
    private final List<String> read = new ArrayList<>();

    /** A bundle with these metatype files (names under OSGI-INF/metatype/) declaring these PIDs. */
    private record FakeBundle(String name, Set<String> files, Set<String> pids) {
    }

    private final List<FakeBundle> bundles = List.of(
            new FakeBundle("api", Set.of(), Set.of()),
            new FakeBundle("detector", Set.of("io.edgesec.detector.internal.DetectorConfig.xml"), Set.of("io.edgesec.detector")),
            new FakeBundle("aggregator", Set.of("io.edgesec.aggregator.xml"), Set.of("io.edgesec.aggregator")),
            new FakeBundle("misnamed", Set.of("io.edgesec.transport.file.xml"), Set.of("io.edgesec.other")),
            new FakeBundle("transport-file", Set.of("io.edgesec.transport.file.xml"), Set.of("io.edgesec.transport.file")));

    @Test
    void aPidWithAMetatypeFileOfItsNameReadsThatBundleOnly() {
        assertEquals("io.edgesec.aggregator", lookup().find("io.edgesec.aggregator").getID());
        assertEquals(List.of("aggregator"), read);
    }

    @Test
    void aFileOfThePidsNameInABundleThatDoesNotDeclareItIsPassedOver() {
        assertEquals("io.edgesec.transport.file", lookup().find("io.edgesec.transport.file").getID());
        assertEquals(List.of("misnamed", "transport-file"), read);
    }

    @Test
    void aPidWithoutAFileOfItsNameIsLookedForInEveryBundleInOrder() {
        assertEquals("io.edgesec.detector", lookup().find("io.edgesec.detector").getID());
        assertEquals(List.of("api", "detector"), read);
    }

    @Test
    void aPidNoBundleDeclaresIsNullAfterEveryBundle() {
        assertNull(lookup().find("io.edgesec.nothing"));
        assertEquals(List.of("api", "detector", "aggregator", "misnamed", "transport-file"), read);
    }

    @Test
    void aPidThatIsNoFileNameIsNotUsedAsAPath() {
        assertNull(lookup().find("../aggregator/io.edgesec.aggregator"));
        assertEquals(List.of("api", "detector", "aggregator", "misnamed", "transport-file"), read);
    }

    private MetatypeLookup lookup() {
        Map<Bundle, FakeBundle> byProxy = new java.util.IdentityHashMap<>();
        Bundle[] all = new Bundle[bundles.size()];
        for (int i = 0; i < all.length; i++) {
            FakeBundle f = bundles.get(i);
            Bundle b = proxy(Bundle.class, (p, m, a) -> switch (m.getName()) {
                case "getState" -> Bundle.ACTIVE;
                case "getEntry" -> f.files().stream().anyMatch(n -> a[0].equals("OSGI-INF/metatype/" + n))
                        ? new URL("file:/bundle/" + f.name() + "/" + a[0]) : null;
                default -> throw new UnsupportedOperationException(m.getName());
            });
            byProxy.put(b, f);
            all[i] = b;
        }
        BundleContext context = proxy(BundleContext.class, (p, m, a) -> {
            if (m.getName().equals("getBundles")) {
                return all.clone();
            }
            throw new UnsupportedOperationException(m.getName());
        });
        MetaTypeService metaType = proxy(MetaTypeService.class, (p, m, a) -> {
            FakeBundle f = byProxy.get((Bundle) a[0]);
            read.add(f.name());
            return proxy(MetaTypeInformation.class, (p2, m2, a2) -> switch (m2.getName()) {
                case "getPids" -> f.pids().toArray(new String[0]);
                case "getFactoryPids" -> new String[0];
                case "getObjectClassDefinition" -> proxy(ObjectClassDefinition.class, (p3, m3, a3) -> a2[0]);
                default -> throw new UnsupportedOperationException(m2.getName());
            });
        });
        return new MetatypeLookup(context, metaType);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler h) {
        return (T) Proxy.newProxyInstance(MetatypeLookupTest.class.getClassLoader(), new Class<?>[] {type}, h);
    }
}
