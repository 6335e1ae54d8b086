package io.edgesec.itest.edge;

import io.edgesec.itest.edge.probe.ProbeActivator;
import io.edgesec.itest.edge.probe.SequenceProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
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
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        a.putValue("Bundle-Vendor", "a third party (edgesec integration tests)");
        a.putValue("Import-Package", IMPORTS);
        a.putValue("Bundle-Activator", activator.getName());
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(out, m)) {
            java.util.List<Class<?>> classes = new java.util.ArrayList<>(java.util.List.of(more));
            classes.add(0, activator);
            for (Class<?> c : classes) {
                String path = c.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(path));
                try (InputStream in = c.getClassLoader().getResourceAsStream(path)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
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
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("version", version);
        e.put("location", jar.toUri().toString());
        e.put("sha256", sha256);
        return e;
    }

    /** A twin key as IoT Hub requires it: no dots ({@code com%2Eexample%2Eprobe}). */
    static String twinKey(String name) {
        return name.replace("%", "%25").replace(".", "%2E").replace("$", "%24").replace(" ", "%20");
    }
}
