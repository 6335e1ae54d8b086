package io.edgesec.itest.osgi;

import io.edgesec.bundles.internal.testing.BundleJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** What the in-framework tests ask of the framework they run in: bundles, services, components, waits. */
public final class InFramework {
    public static final long WAIT_MS = 30_000;
    /** Where the bundle manager installs what the twin asks for (its bundles' location prefix). */
    public static final String TWIN_LOCATION_PREFIX = "edgesec-twin:";

    private InFramework() {
    }

    public static Bundle bundle(BundleContext ctx, String symbolicName) {
        for (Bundle b : ctx.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** The symbolic names of the bundles that {@code b}'s imports are wired to. */
    public static Set<String> providers(Bundle b) {
        Set<String> providers = new TreeSet<>();
        for (BundleWire w : b.adapt(BundleWiring.class).getRequiredWires(null)) {
            providers.add(w.getProvider().getBundle().getSymbolicName());
        }
        return providers;
    }

    /** The first service of {@code type} matching {@code filter} (may be null), waited for up to 30 s. */
    public static <T> ServiceReference<T> awaitService(BundleContext ctx, Class<T> type, String filter) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (true) {
            ServiceReference<T> ref = reference(ctx, type, filter);
            if (ref != null) {
                return ref;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + type.getName() + " " + filter + " within " + WAIT_MS + " ms; bundles:" + states(ctx));
            }
            Thread.sleep(20);
        }
    }

    public static <T> ServiceReference<T> reference(BundleContext ctx, Class<T> type, String filter) throws InvalidSyntaxException {
        var refs = ctx.getServiceReferences(type, filter);
        return refs.isEmpty() ? null : refs.iterator().next();
    }

    public static <T> T service(BundleContext ctx, Class<T> type, String filter) throws Exception {
        return ctx.getService(awaitService(ctx, type, filter));
    }

    /** DS state of a component of {@code bundle} (-1: no configuration, so not satisfied). */
    public static int componentState(BundleContext ctx, Bundle bundle, String componentName) throws Exception {
        ComponentConfigurationDTO c = configuration(ctx, bundle, componentName);
        return c == null ? -1 : c.state;
    }

    public static int awaitComponentState(BundleContext ctx, Bundle bundle, String componentName, int state) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        int s;
        while ((s = componentState(ctx, bundle, componentName)) != state) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(componentName + " is in state " + s + ", expected " + state);
            }
            Thread.sleep(20);
        }
        return s;
    }

    /** The current configuration properties of a component, as SCR has them. */
    public static Map<String, Object> componentProperties(BundleContext ctx, Bundle bundle, String componentName) throws Exception {
        ComponentConfigurationDTO c = configuration(ctx, bundle, componentName);
        return c == null ? Map.of() : c.properties;
    }

    private static ComponentConfigurationDTO configuration(BundleContext ctx, Bundle bundle, String componentName) throws Exception {
        ServiceComponentRuntime scr = service(ctx, ServiceComponentRuntime.class, null);
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
            if (componentName.equals(d.name)) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    return c;
                }
                return null;
            }
        }
        throw new AssertionError("no component " + componentName + " in " + bundle.getSymbolicName());
    }

    static String states(BundleContext ctx) {
        StringBuilder sb = new StringBuilder();
        for (Bundle b : ctx.getBundles()) {
            sb.append("\n  ").append(b.getSymbolicName()).append(" state ").append(b.getState());
        }
        return sb.toString();
    }

    /** The agent's data directory, as the framework was given it. */
    public static Path dataDir(BundleContext ctx) {
        return Path.of(ctx.getProperty("edgesec.data.dir"));
    }

    public static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A twin {@code edgesec.bundles} entry for {@code jar}. */
    public static Map<String, Object> entry(Path jar, String version) throws IOException {
        return BundleJars.twinEntry(jar, version, sha256(jar));
    }

    public static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
