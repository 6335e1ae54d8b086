package io.edgesec.itest.osgi;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.streamBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.edgesec.bundles.internal.testing.BundleJars;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.UrlProvisionOption;

/**
 * The one set of pax-exam options every in-framework test starts from: Felix with what the
 * launcher starts beside our bundles (SCR with the DS API bundles it needs, ConfigAdmin,
 * Metatype), pax-exam's JUnit bundles, and our bundles as the reactor just built them, by
 * {@code file:} URL from each module's {@code target/} (pax-exam's {@code mavenBundle()} would
 * need them installed in the shared local repository). Third-party bundles come from the local
 * repository, with Maven Central as the only remote.
 */
public final class FrameworkOptions {
    private FrameworkOptions() {
    }

    /** Felix's infrastructure bundles and pax-exam's; tests add the edgesec bundles they need. */
    public static Option infrastructure() {
        return composite(
                cleanCaches(),
                junitBundles(),
                systemProperty("org.ops4j.pax.url.mvn.repositories").value("https://repo.maven.apache.org/maven2@id=central"),
                systemProperty("org.ops4j.pax.url.mvn.useFallbackRepositories").value("false"),
                systemProperty("org.ops4j.pax.url.mvn.localRepository").value(System.getProperty("user.home") + "/.m2/repository"),
                frameworkProperty("ds.loglevel").value("warn"),
                mavenBundle("org.osgi", "org.osgi.util.function", "1.2.0"),
                mavenBundle("org.osgi", "org.osgi.util.promise", "1.3.0"),
                mavenBundle("org.osgi", "org.osgi.service.component", "1.5.1"),
                mavenBundle("org.osgi", "org.osgi.service.log", "1.5.0"),
                mavenBundle("org.apache.felix", "org.apache.felix.scr", System.getProperty("felix.scr.version")),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin", System.getProperty("felix.configadmin.version")),
                mavenBundle("org.apache.felix", "org.apache.felix.metatype", System.getProperty("felix.metatype.version")),
                // the runtime's one JSON library, shared by the bundles that read or write JSON
                mavenBundle("com.fasterxml.jackson.core", "jackson-core", System.getProperty("jackson.version")));
    }

    /** A module's freshly built bundle (e.g. {@code "agent-api"}); {@code .noStart()} leaves it installed only. */
    public static UrlProvisionOption edgesec(String module) {
        return bundle(moduleJar(module));
    }

    /**
     * The support library's JSON ({@code io.edgesec.support.json}: JsonDocuments, JsonText) as a
     * bundle of its own that exports it, for in-framework test code that reads what the agent
     * wrote (agent-api has no JSON reader since 2.0.0). The agent's bundles are unaffected: they
     * carry private copies and import nothing from it.
     */
    public static Option supportJson() {
        String anchor = "io.edgesec.support.json.JsonDocuments";
        return fixtures("io.edgesec.itest.support-json", anchor, List.of(anchor, JSON_CORE));
    }

    /** A class of json-core's package, which support's JSON uses and which, like support, nobody exports. */
    private static final String JSON_CORE = "io.edgesec.json.core.AgentEscapes";

    /** The MQTT client the hub stand-in's fixtures use (an OSGi bundle itself). */
    public static Option paho() {
        return mavenBundle("org.eclipse.paho", "org.eclipse.paho.client.mqttv3", "1.2.5");
    }

    /**
     * The agent's data directory ({@code edgesec.data.dir}, as the launcher sets it): a fresh one
     * under this module's {@code target/}, so that what the bundles leave there goes with a clean.
     */
    public static Option dataDir() {
        try {
            Path target = Path.of(System.getProperty("edgesec.root", ".."), "itest", "target").toAbsolutePath().normalize();
            Files.createDirectories(target);
            Path dir = Files.createTempDirectory(target, "edgesec-data");
            return frameworkProperty("edgesec.data.dir").value(dir.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The edgeHub stand-in of edgehub-transport's test fixtures (mosquitto on TLS, the twin
     * service, the recorder of device-to-cloud messages), as a bundle, so that a test inside
     * the framework drives the same stand-in as edgehub-transport's own tests and the agent's
     * end-to-end tests do.
     */
    public static Option hubStandIn() {
        // the twin stand-in reads and writes JSON with the private support library (and the
        // json-core package under it), which no bundle exports (each includes its own copy): the
        // fixture bundle carries one too
        return composite(paho(), fixtures("io.edgesec.itest.fixtures.edgehub", "io.edgesec.transport.edgehub.internal.TlsMosquitto",
                List.of("io.edgesec.support.Errors", JSON_CORE),
                "io/edgesec/transport/edgehub/internal/TlsMosquitto", "io/edgesec/transport/edgehub/internal/TwinResponder",
                "io/edgesec/transport/edgehub/internal/MqttRecorder", "io/edgesec/transport/edgehub/internal/ResubscribingClient"));
    }

    /**
     * The agent's side of the twin against the edgeHub stand-in: a data directory, the real
     * configuration and bundle-manager bundles and the hub transport. {@code bundleManager} is
     * {@code edgesec("bundle-manager")}, started or only installed ({@code .noStart()}).
     */
    public static Option hubAgent(UrlProvisionOption bundleManager) {
        return composite(dataDir(), hubStandIn(), edgesec("agent-api"), edgesec("configuration"), bundleManager,
                edgesec("edgehub-transport"));
    }

    /** bundle-manager's test bundle jars ({@link BundleJars}), as a bundle: a test inside the framework makes bundles with it. */
    public static Option bundleJars() {
        return fixtures("io.edgesec.itest.fixtures.bundlejars", BundleJars.class.getName(), "io/edgesec/bundles/internal/testing/BundleJars");
    }

    /** collector-docker's private container engine for tests (dockerd with a busybox image, nothing pulled), as a bundle. */
    public static Option containerEngine() {
        return fixtures("io.edgesec.itest.fixtures.docker", "io.edgesec.collector.docker.internal.testing.TestEngine",
                "io/edgesec/collector/docker/internal/testing/TestEngine");
    }

    /** file: URL of a module's built bundle under the reactor root. */
    public static String moduleJar(String module) {
        File target = new File(System.getProperty("edgesec.root", ".."), module + "/target");
        File[] jars = target.listFiles((d, n) -> n.startsWith(module + "-") && n.endsWith(".jar")
                && !n.contains("-sources") && !n.contains("-tests") && !n.startsWith("original-"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no bundle jar in " + target + " (build the reactor first)");
        }
        // after a version step (agent-api 1.2.0 -> 1.3.0) the previous version's jar stays in
        // target/ until a clean: the one the reactor just built is the newest
        Arrays.sort(jars, Comparator.comparingLong(File::lastModified).reversed());
        return jars[0].toURI().toString();
    }

    /**
     * A bundle of some classes of another module's test fixtures (its test-jar on this module's
     * class path, or its test-classes directory): every class whose path starts with one of
     * {@code prefixes} (so nested classes come along), its package exported, everything it
     * uses imported dynamically. {@code anchor} is one of the classes, to find where they are.
     */
    static Option fixtures(String symbolicName, String anchor, String... prefixes) {
        return fixtures(symbolicName, anchor, List.of(), prefixes);
    }

    /**
     * As {@link #fixtures(String, String, String...)}, plus a private copy of every class in the
     * package of each of {@code libraries} (and its subpackages), e.g. the support library that
     * bundles include instead of importing.
     */
    static Option fixtures(String symbolicName, String anchor, List<String> libraries, String... prefixes) {
        try {
            Path source = Path.of(Class.forName(anchor).getProtectionDomain().getCodeSource().getLocation().toURI());
            String pkg = anchor.substring(0, anchor.lastIndexOf('.'));
            Manifest m = BundleJars.manifest(symbolicName, "1.0.0");
            Attributes a = m.getMainAttributes();
            a.putValue("Export-Package", pkg);
            a.putValue("DynamicImport-Package", "*");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
                for (String entry : classEntries(source)) {
                    if (Stream.of(prefixes).anyMatch(p -> entry.equals(p + ".class") || entry.startsWith(p + "$"))) {
                        jar.putNextEntry(new JarEntry(entry));
                        jar.write(read(source, entry));
                        jar.closeEntry();
                    }
                }
                for (String library : libraries) {
                    Path from = Path.of(Class.forName(library).getProtectionDomain().getCodeSource().getLocation().toURI());
                    String dir = library.substring(0, library.lastIndexOf('.')).replace('.', '/') + "/";
                    for (String entry : classEntries(from)) {
                        if (entry.startsWith(dir)) {
                            jar.putNextEntry(new JarEntry(entry));
                            jar.write(read(from, entry));
                            jar.closeEntry();
                        }
                    }
                }
            }
            return streamBundle(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (ClassNotFoundException | URISyntaxException | IOException e) {
            throw new IllegalStateException("test fixtures " + anchor + " are not on the class path", e);
        }
    }

    private static List<String> classEntries(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> walk = Files.walk(source)) {
                return walk.filter(p -> p.toString().endsWith(".class")).map(p -> source.relativize(p).toString().replace(File.separatorChar, '/'))
                        .toList();
            }
        }
        try (JarInputStream in = new JarInputStream(Files.newInputStream(source))) {
            List<String> names = new java.util.ArrayList<>();
            for (JarEntry e; (e = in.getNextJarEntry()) != null;) {
                if (e.getName().endsWith(".class")) {
                    names.add(e.getName());
                }
            }
            return names;
        }
    }

    private static byte[] read(Path source, String entry) throws IOException {
        if (Files.isDirectory(source)) {
            return Files.readAllBytes(source.resolve(entry));
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(source.toFile()); InputStream in = jar.getInputStream(jar.getEntry(entry))) {
            return in.readAllBytes();
        }
    }
}
