package io.edgesec.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * jackson-core is served to the bundles from the launcher's class path (one copy of its classes
 * in the JVM), its embedded bundle is not installed, and only when it is the launcher's version.
 */
class SharedLibrariesTest {
    @TempDir
    Path dir;

    private static EmbeddedBundles.Entry entry(String name, byte[] jar) {
        return new EmbeddedBundles.Entry() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(jar);
            }
        };
    }

    /** An entry that fails if anything opens it: split reads no other bundle's manifest. */
    private static EmbeddedBundles.Entry unopened(String name) {
        return new EmbeddedBundles.Entry() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream open() throws IOException {
                throw new IOException(name + " opened");
            }
        };
    }

    private static byte[] jar(Map<String, String> headers) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return out.toByteArray();
    }

    /** The jackson-core jar the launcher's class path has: the bundle the build embeds. */
    private static byte[] realJacksonBundle() throws Exception {
        return Files.readAllBytes(Path.of(JsonFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    }

    @Test
    void theLaunchersJacksonVersionIsSharedAndItsBundleNotInstalled() throws Exception {
        EmbeddedBundles.Entry jackson = entry("jackson-core-2.20.1.jar", realJacksonBundle());
        EmbeddedBundles.Entry api = unopened("agent-api-2.0.0.jar");
        SharedLibraries.Split split = SharedLibraries.split(List.of(api, jackson));

        assertEquals(List.of(api), split.install());
        assertTrue(split.systemPackagesExtra().startsWith("com.fasterxml.jackson.core;version=\""),
                split.systemPackagesExtra());
    }

    @Test
    void anotherVersionIsInstalledAsABundle() throws Exception {
        EmbeddedBundles.Entry jackson = entry("jackson-core-2.19.0.jar", jar(Map.of(
                "Bundle-SymbolicName", SharedLibraries.JACKSON_CORE,
                "Bundle-Version", "2.19.0",
                "Export-Package", "com.fasterxml.jackson.core;version=\"2.19.0\"")));
        SharedLibraries.Split split = SharedLibraries.split(List.of(jackson), SharedLibraries.JACKSON_CORE, "2.20.1");

        assertEquals(List.of(jackson), split.install());
        assertEquals("", split.systemPackagesExtra());
    }

    @Test
    void aBundleImportingJacksonGetsTheLaunchersClasses() throws Exception {
        SharedLibraries.Split split = SharedLibraries.split(List.of(entry("jackson-core-x.jar", realJacksonBundle())));
        AgentRuntime runtime = new AgentRuntime(dir, Map.of(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, split.systemPackagesExtra()));
        try {
            byte[] user = jar(Map.of(
                    "Bundle-ManifestVersion", "2",
                    "Bundle-SymbolicName", "test.jackson.user",
                    "Import-Package", "com.fasterxml.jackson.core;version=\"[2.20,3)\""));
            runtime.install(List.of(entry("user.jar", user)));
            Bundle bundle = runtime.context().getBundle("edgesec:user.jar");

            assertEquals(Bundle.RESOLVED, bundle.getState());
            assertSame(JsonFactory.class, bundle.loadClass(JsonFactory.class.getName()));
        } finally {
            runtime.stop();
        }
    }
}
