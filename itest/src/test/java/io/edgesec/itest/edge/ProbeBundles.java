package io.edgesec.itest.edge;

import io.edgesec.bundles.internal.testing.BundleJars;
import io.edgesec.itest.edge.probe.ProbeActivator;
import io.edgesec.itest.edge.probe.SequenceProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * Builds the third-party collector bundle of these tests ({@link SequenceProbe} with its
 * activator, compiled as test classes here) the way a vendor would ship it: a jar that imports
 * agent-api and the OSGi framework only.
 */
final class ProbeBundles {
    static final String IMPORTS = "io.edgesec.api.collector;version=\"[1.0,2)\",io.edgesec.api.event;version=\"[1.0,2)\","
            + "org.osgi.framework";

    private ProbeBundles() {
    }

    /** Writes the bundle jar to {@code target} and returns it. */
    static Path write(Path target, String symbolicName, String version) throws IOException {
        return write(target, symbolicName, version, ProbeActivator.class, SequenceProbe.class);
    }

    /** A bundle whose activator throws on every start (counting its starts, see FailingActivator). */
    static Path writeFailing(Path target, String symbolicName, String version) throws IOException {
        return write(target, symbolicName, version, io.edgesec.itest.edge.probe.FailingActivator.class);
    }

    private static Path write(Path target, String symbolicName, String version, Class<?> activator, Class<?>... more)
            throws IOException {
        Manifest m = BundleJars.manifest(symbolicName, version);
        Attributes a = m.getMainAttributes();
        a.putValue("Bundle-Vendor", "a third party (edgesec integration tests)");
        a.putValue("Import-Package", IMPORTS);
        a.putValue("Bundle-Activator", activator.getName());
        List<Class<?>> classes = new ArrayList<>(List.of(more));
        classes.add(0, activator);
        Files.createDirectories(target.getParent());
        Files.write(target, BundleJars.withClasses(m, classes.toArray(new Class<?>[0])));
        return target;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An edgesec.bundles entry of the twin: {version, location, sha256}. */
    static Map<String, Object> entry(String version, Path jar, String sha256) {
        return BundleJars.twinEntry(jar, version, sha256);
    }

    /** A twin key as IoT Hub requires it: no dots ({@code com%2Eexample%2Eprobe}). */
    static String twinKey(String name) {
        return name.replace("%", "%25").replace(".", "%2E").replace("$", "%24").replace(" ", "%20");
    }
}
