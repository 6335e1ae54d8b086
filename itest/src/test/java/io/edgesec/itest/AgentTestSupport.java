package io.edgesec.itest;

import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.edgesec.support.json.JsonDocuments;
import io.edgesec.itest.osgi.FrameworkOptions;
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
 * Boots the agent's real bundles (the reactor's freshly built jars) on the shared
 * {@link FrameworkOptions#infrastructure()}, and gives tests the file the local transport writes.
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
                FrameworkOptions.infrastructure(),
                frameworkProperty("edgesec.version").value("itest"),
                FrameworkOptions.edgesec("agent-api"),
                FrameworkOptions.edgesec("configuration"),
                FrameworkOptions.edgesec("transport-file"),
                FrameworkOptions.edgesec("aggregator"),
                FrameworkOptions.edgesec("collector-process"),
                FrameworkOptions.supportJson()); // events() reads the output with JsonDocuments
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
            Map<String, Object> message = JsonDocuments.object(line); // a partial line would fail here
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
     * {@code priority}) every second, numbered: a clock counted in collections and delivered
     * messages, so that a test waits for "n more periods collected and sent"
     * ({@link Marker#awaitCollectedFromNow}) where it would otherwise sleep a guessed time to
     * prove that nothing else arrived. Events of one priority share a queue and leave it in order,
     * so once a marker collected after some moment is written, everything of that priority queued
     * before that moment is written too. Counting written markers is not enough: one collected
     * before the moment may be written after it.
     */
    protected Marker marker(String name, io.edgesec.api.event.Priority priority) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(io.edgesec.api.collector.Collector.NAME, "test-marker-" + name);
        props.put(io.edgesec.api.collector.PeriodicCollector.PERIOD, "PT1S");
        java.util.concurrent.atomic.AtomicLong beats = new java.util.concurrent.atomic.AtomicLong();
        return new Marker(name, beats, context.registerService(io.edgesec.api.collector.PeriodicCollector.class,
                () -> List.of(io.edgesec.api.event.SecurityEvent.builder(name)
                        .category(io.edgesec.api.event.EventCategory.PERIODIC).priorityHint(priority)
                        .payload(Map.of("Beat", Long.toString(beats.incrementAndGet()))).build()), props));
    }

    /** A numbered clock collector (see {@link #marker}). */
    protected final class Marker implements AutoCloseable {
        private final String name;
        private final java.util.concurrent.atomic.AtomicLong beats;
        private final org.osgi.framework.ServiceRegistration<?> registration;

        Marker(String name, java.util.concurrent.atomic.AtomicLong beats, org.osgi.framework.ServiceRegistration<?> registration) {
            this.name = name;
            this.beats = beats;
            this.registration = registration;
        }

        /**
         * Waits until the {@code n}th beat numbered after this call has been written. A beat whose
         * number is taken after this call is collected, and so queued, after it.
         */
        public void awaitCollectedFromNow(long n) throws Exception {
            long target = beats.get() + n;
            await(n + " more " + name + " collected from now (beat " + target + ")",
                    () -> events().stream().anyMatch(e -> name.equals(e.get("Name"))
                            && Long.parseLong(String.valueOf(payload(e).get(0).get("Beat"))) >= target));
        }

        @Override
        public void close() {
            registration.unregister();
        }
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
