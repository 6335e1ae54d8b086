package io.edgesec.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.edgesec.api.json.JsonReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.inject.Inject;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Boots the agent's real bundles (the reactor's freshly built jars) with Felix SCR,
 * ConfigAdmin and Metatype, and gives tests the file the local transport writes.
 */
public abstract class AgentTestSupport {
    static final long WAIT_MS = 30_000;

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    protected Path output;

    @Configuration
    public Option[] config() {
        return options(
                cleanCaches(),
                junitBundles(),
                systemProperty("org.ops4j.pax.url.mvn.repositories").value("https://repo.maven.apache.org/maven2@id=central"),
                systemProperty("org.ops4j.pax.url.mvn.localRepository").value(System.getProperty("user.home") + "/.m2/repository"),
                frameworkProperty("edgesec.version").value("itest"),
                mavenBundle("org.osgi", "org.osgi.util.function", "1.2.0"),
                mavenBundle("org.osgi", "org.osgi.util.promise", "1.3.0"),
                mavenBundle("org.osgi", "org.osgi.service.component", "1.5.1"),
                mavenBundle("org.osgi", "org.osgi.service.log", "1.5.0"),
                mavenBundle("org.apache.felix", "org.apache.felix.scr", System.getProperty("felix.scr.version")),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin", System.getProperty("felix.configadmin.version")),
                mavenBundle("org.apache.felix", "org.apache.felix.metatype", System.getProperty("felix.metatype.version")),
                // the runtime's one JSON library, shared by the bundles that read or write JSON
                mavenBundle("com.fasterxml.jackson.core", "jackson-core", System.getProperty("jackson.version")),
                bundle(moduleJar("agent-api")),
                bundle(moduleJar("configuration")),
                bundle(moduleJar("transport-file")),
                bundle(moduleJar("aggregator")),
                bundle(moduleJar("collector-process")));
    }

    /** file: URL of a module's built bundle under the reactor root. */
    static String moduleJar(String module) {
        File target = new File(System.getProperty("edgesec.root", ".."), module + "/target");
        File[] jars = target.listFiles((d, n) -> n.startsWith(module + "-") && n.endsWith(".jar")
                && !n.contains("-sources") && !n.contains("-tests") && !n.startsWith("original-"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no bundle jar in " + target + " (build the reactor first)");
        }
        // after a version step (agent-api 1.2.0 -> 1.3.0) the previous version's jar stays in
        // target/ until a clean: the one the reactor just built is the newest
        java.util.Arrays.sort(jars, java.util.Comparator.comparingLong(File::lastModified).reversed());
        return jars[0].toURI().toString();
    }

    /** The output file is the test's own: removed after each test. */
    @org.junit.After
    public void deleteOutput() throws IOException {
        if (output != null) {
            Files.deleteIfExists(output);
        }
    }

    /** Points the file transport at a fresh file and sends High messages every second. */
    protected void configureAgent(String listeningPortsPeriod) throws IOException {
        output = Files.createTempFile("edgesec-itest", ".jsonl");
        output.toFile().deleteOnExit(); // also when the in-container runner skips @After
        update("io.edgesec.transport.file", "path", output.toString());
        update("io.edgesec.aggregator", "highPriorityMessageFrequency", "PT1S", "lowPriorityMessageFrequency", "PT2S");
        update("io.edgesec.collector.listeningports", "edgesec.collector.period", listeningPortsPeriod);
    }

    protected void update(String pid, Object... keyValues) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = c.getProperties() != null ? c.getProperties() : new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        c.update(props);
    }

    /** Every event written so far, each a parsed event object with its message's line number. */
    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> events() throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        if (output == null || !Files.exists(output)) {
            return out;
        }
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> message = JsonReader.parseObject(line); // a partial line would fail here
            out.addAll((List<Map<String, Object>>) message.get("Events"));
        }
        return out;
    }

    /** Polls until an event matches, or fails naming what was awaited. */
    protected Map<String, Object> awaitEvent(String what, Predicate<Map<String, Object>> match) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            for (Map<String, Object> e : events()) {
                if (match.test(e)) {
                    return e;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no event within " + WAIT_MS + " ms: " + what + "; got " + names(events()));
    }

    /** Polls until the condition holds, or fails naming it. */
    protected void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + WAIT_MS + " ms: " + what + "; events: " + names(events()));
    }

    /**
     * Registers a collector of the test's own that makes one {@code name} event (priority
     * {@code priority}) every second: a clock counted in collections and delivered messages, so
     * that a test waits for "n more periods collected and sent" ({@link #awaitMore}) where it
     * would otherwise sleep a guessed time to prove that nothing else arrived. Events of one
     * priority share a queue and leave it in order, so once a marker collected after some moment
     * is written, everything of that priority queued before that moment is written too.
     */
    protected org.osgi.framework.ServiceRegistration<io.edgesec.api.collector.PeriodicCollector> marker(String name,
            io.edgesec.api.event.Priority priority) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(io.edgesec.api.collector.Collector.NAME, "test-marker-" + name);
        props.put(io.edgesec.api.collector.PeriodicCollector.PERIOD, "PT1S");
        java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
        return context.registerService(io.edgesec.api.collector.PeriodicCollector.class,
                () -> List.of(io.edgesec.api.event.SecurityEvent.builder(name)
                        .category(io.edgesec.api.event.EventCategory.PERIODIC).priorityHint(priority)
                        .payload(Map.of("Beat", Long.toString(n.incrementAndGet()))).build()), props);
    }

    /** Waits until {@code n} more {@code name} events (see {@link #marker}) than now have been written. */
    protected void awaitMore(String name, long n) throws Exception {
        long now = count(name);
        await(n + " more " + name, () -> count(name) >= now + n);
    }

    protected long count(String name) throws Exception {
        return events().stream().filter(e -> name.equals(e.get("Name"))).count();
    }

    protected static List<String> names(List<Map<String, Object>> events) {
        List<String> n = new ArrayList<>();
        events.forEach(e -> n.add(String.valueOf(e.get("Name"))));
        return n;
    }

    @SuppressWarnings("unchecked")
    protected static List<Map<String, Object>> payload(Map<String, Object> event) {
        return (List<Map<String, Object>>) event.get("Payload");
    }

    protected Bundle installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    protected void refresh(Bundle... bundles) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundles), e -> done.countDown());
        done.await(30, TimeUnit.SECONDS);
    }
}
