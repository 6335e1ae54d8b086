package io.edgesec.bundles.internal.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Constants;

/**
 * Bundle jars made by tests, and the twin entries that name them: the bundles the reconciler
 * installs here, and (through this module's test-jar) the ones itest installs from the twin
 * and builds for its frameworks, so that every test bundle is made the same way. JDK and the
 * OSGi constants only: itest loads it inside a framework as a bundle of its own.
 */
public final class BundleJars {
    private BundleJars() {
    }

    /** The manifest every bundle needs: its symbolic name and version; callers add their own headers. */
    public static Manifest manifest(String symbolicName, String version) {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        a.putValue(Constants.BUNDLE_VERSION, version);
        return mf;
    }

    /** A minimal bundle jar at {@code file}: no code, one entry whose {@code content} varies the digest. */
    public static Path bundleJar(Path file, String symbolicName, String version, String content) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out, manifest(symbolicName, version))) {
            jar.putNextEntry(new JarEntry("collector/data.txt"));
            jar.write(content.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }

    /**
     * A bundle jar in memory: {@code manifest} and the class files of {@code classes}, read
     * through their class loaders (a bundle made of a test's own classes).
     */
    public static byte[] withClasses(Manifest manifest, Class<?>... classes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Class<?> c : classes) {
                String path = c.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(path));
                try (InputStream in = c.getClassLoader().getResourceAsStream(path)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A twin {@code edgesec.bundles} entry for {@code jar}: its version (may be null), location and digest. */
    public static Map<String, Object> twinEntry(Path jar, String version, String sha256) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("version", version);
        e.put("location", jar.toUri().toString());
        e.put("sha256", sha256);
        return e;
    }
}
