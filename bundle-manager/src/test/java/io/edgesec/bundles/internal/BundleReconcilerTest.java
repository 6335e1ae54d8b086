package io.edgesec.bundles.internal;

import static io.edgesec.bundles.internal.testing.BundleJars.bundleJar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.collector.EventSink;
import io.edgesec.bundles.internal.testing.BundleJars;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.support.json.JsonDocuments;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** The bundle reconciler against a real embedded Felix 7.0.5, with bundle jars built here. */
class BundleReconcilerTest {
    @TempDir
    Path dir;
    Path dataDir;
    Path incoming;
    Framework framework;
    final List<SecurityEvent> events = new ArrayList<>();
    final EventSink sink = e -> {
        synchronized (events) {
            events.add(e);
        }
        return true;
    };

    @BeforeEach
    void setUp() throws Exception {
        dataDir = dir.resolve("data");
        incoming = dataDir.resolve("incoming");
        Files.createDirectories(incoming);
        framework = startFramework("felix-1");
    }

    @AfterEach
    void tearDown() throws Exception {
        stop(framework);
    }

    Framework startFramework(String storage) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dir.resolve(storage).toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework f = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(props);
        f.start();
        return f;
    }

    static void stop(Framework f) throws Exception {
        if (f != null && f.getState() == Bundle.ACTIVE) {
            f.stop();
            f.waitForStop(30_000);
        }
    }

    BundleReconciler reconciler(Framework f) {
        BundleReconciler r = new BundleReconciler(f.getBundleContext(), dataDir, List.of(), 10_000_000, Duration.ofSeconds(10));
        assertTrue(r.awaitReady(30_000));
        r.open(sink);
        return r;
    }

    static Map<String, Object> entry(Path jar, String version, String sha) {
        return BundleJars.twinEntry(jar, version, sha);
    }

    static Map<String, Object> entry(Path jar, String version) throws IOException {
        return entry(jar, version, VerifiedJars.sha256(jar));
    }

    Bundle find(Framework f, String bsn) {
        for (Bundle b : f.getBundleContext().getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> state(Map<String, Object> states, String bsn) {
        return (Map<String, Object>) states.get(bsn);
    }

    List<String> eventStatuses() {
        synchronized (events) {
            List<String> out = new ArrayList<>();
            for (SecurityEvent e : events) {
                assertEquals(EventNames.COLLECTOR_STATUS, e.name());
                out.add(String.valueOf(e.payload().get(0).get("Status")));
            }
            return out;
        }
    }

    @Test
    void installsAVerifiedBundleStartsItAndPersistsTheSet() throws Exception {
        Path jar = bundleJar(incoming.resolve("a-1.jar"), "test.collector.a", "1.0.0", "a1");
        BundleReconciler r = reconciler(framework);
        Map<String, Object> states = r.reconcile(Map.of("test.collector.a", entry(jar, "1.0.0")));

        Bundle b = find(framework, "test.collector.a");
        assertNotNull(b);
        assertEquals(BundleReconciler.LOCATION_PREFIX + "test.collector.a", b.getLocation());
        assertEquals(Bundle.ACTIVE, b.getState());
        assertEquals("ACTIVE", state(states, "test.collector.a").get("state"));
        assertEquals("1.0.0", state(states, "test.collector.a").get("version"));
        assertEquals(VerifiedJars.sha256(jar), state(states, "test.collector.a").get("sha256"));
        assertNull(state(states, "test.collector.a").get("error"));
        Map<String, Object> persisted = JsonDocuments.object(Files.readString(dataDir.resolve(BundleReconciler.STATE_FILE)));
        assertEquals(VerifiedJars.sha256(jar), ((Map<?, ?>) persisted.get("test.collector.a")).get("sha256"));
        assertTrue(eventStatuses().contains("BundleInstalled"));
    }

    @Test
    void aWrongDigestIsRefusedAndNothingElseChanges() throws Exception {
        Path a = bundleJar(incoming.resolve("a-1.jar"), "test.collector.a", "1.0.0", "a1");
        BundleReconciler r = reconciler(framework);
        r.reconcile(Map.of("test.collector.a", entry(a, "1.0.0")));
        long idA = find(framework, "test.collector.a").getBundleId();
        int bundlesBefore = framework.getBundleContext().getBundles().length;
        String persistedBefore = Files.readString(dataDir.resolve(BundleReconciler.STATE_FILE));

        Path b = bundleJar(incoming.resolve("b-1.jar"), "test.collector.b", "1.0.0", "b1");
        Path a2 = bundleJar(incoming.resolve("a-2.jar"), "test.collector.a", "2.0.0", "a2");
        Map<String, Object> desired = new LinkedHashMap<>();
        // an update whose digest is not a2's, and an install whose digest is not b's
        desired.put("test.collector.a", entry(a2, "2.0.0", VerifiedJars.sha256(b)));
        desired.put("test.collector.b", entry(b, "1.0.0", VerifiedJars.sha256(a)));
        Map<String, Object> states = r.reconcile(desired);

        assertEquals("REFUSED", state(states, "test.collector.b").get("state"));
        assertTrue(String.valueOf(state(states, "test.collector.b").get("error")).contains("SHA-256 mismatch"), states.toString());
        assertNull(find(framework, "test.collector.b"));
        // a keeps running at 1.0.0, same bundle; the refusal is reported on it
        Bundle still = find(framework, "test.collector.a");
        assertEquals(idA, still.getBundleId());
        assertEquals("1.0.0", still.getVersion().toString());
        assertEquals(Bundle.ACTIVE, still.getState());
        assertEquals("ACTIVE", state(states, "test.collector.a").get("state"));
        assertEquals("1.0.0", state(states, "test.collector.a").get("version"));
        assertTrue(String.valueOf(state(states, "test.collector.a").get("error")).contains("SHA-256 mismatch"));
        assertEquals(bundlesBefore, framework.getBundleContext().getBundles().length);
        assertEquals(persistedBefore, Files.readString(dataDir.resolve(BundleReconciler.STATE_FILE)));
        try (var files = Files.list(dataDir.resolve("verified"))) {
            assertEquals(1, files.count(), "only a's verified jar is kept; no partial download is left");
        }
        assertEquals(2, eventStatuses().stream().filter("BundleRefused"::equals).count());
        // the same refusal again is not reported twice
        r.reconcile(desired);
        assertEquals(2, eventStatuses().stream().filter("BundleRefused"::equals).count());
    }

    @Test
    void locationsOutsideTheAllowedSourcesAreRefused() throws Exception {
        Path outside = bundleJar(dir.resolve("elsewhere/c.jar"), "test.collector.c", "1.0.0", "c");
        String sha = VerifiedJars.sha256(outside);
        BundleReconciler r = reconciler(framework);
        int before = framework.getBundleContext().getBundles().length;

        Map<String, Object> s1 = r.reconcile(Map.of("test.collector.c", entry(outside, "1.0.0", sha)));
        assertEquals("REFUSED", state(s1, "test.collector.c").get("state"));
        assertTrue(String.valueOf(state(s1, "test.collector.c").get("error")).contains("outside the allowed sources"));

        // a path that climbs out of the data directory is outside too
        Map<String, Object> climbing = entry(outside, "1.0.0", sha);
        climbing.put("location", dataDir.toUri() + "../elsewhere/c.jar");
        Map<String, Object> s2 = r.reconcile(Map.of("test.collector.c", climbing));
        assertTrue(String.valueOf(state(s2, "test.collector.c").get("error")).contains("outside the allowed sources"), s2.toString());

        // a remote location that is not allowed is refused before anything is fetched
        Map<String, Object> remote = entry(outside, "1.0.0", sha);
        remote.put("location", "https://downloads.invalid/c.jar");
        Map<String, Object> s3 = r.reconcile(Map.of("test.collector.c", remote));
        assertTrue(String.valueOf(state(s3, "test.collector.c").get("error")).contains("outside the allowed sources"), s3.toString());

        assertNull(find(framework, "test.collector.c"));
        assertEquals(before, framework.getBundleContext().getBundles().length);
        assertFalse(Files.exists(dataDir.resolve("verified").resolve(sha + ".jar")));
    }

    @Test
    void aJarThatIsAnotherBundleOrVersionIsRefused() throws Exception {
        Path jar = bundleJar(incoming.resolve("d.jar"), "test.collector.d", "1.0.0", "d");
        BundleReconciler r = reconciler(framework);
        Map<String, Object> s = r.reconcile(Map.of("test.collector.other", entry(jar, "1.0.0")));
        assertTrue(String.valueOf(state(s, "test.collector.other").get("error")).contains("is bundle test.collector.d"), s.toString());
        s = r.reconcile(Map.of("test.collector.d", entry(jar, "1.2.0")));
        assertTrue(String.valueOf(state(s, "test.collector.d").get("error")).contains("version 1.0.0"), s.toString());
        assertNull(find(framework, "test.collector.d"));
    }

    @Test
    void theInstalledJarUnderAnotherVersionIsRefusedAndTheInstalledOneKeepsRunning() throws Exception {
        Path jar = bundleJar(incoming.resolve("e.jar"), "test.collector.e", "1.0.0", "e");
        BundleReconciler r = reconciler(framework);
        r.reconcile(Map.of("test.collector.e", entry(jar, "1.0.0")));
        // same SHA-256 (the same jar), but the entry claims 2.0.0: an operator's mistake, not an update
        Map<String, Object> s = r.reconcile(Map.of("test.collector.e", entry(jar, "2.0.0")));
        // reported as for any refused update: the running bundle's state, with the refusal as its error
        assertEquals("ACTIVE", state(s, "test.collector.e").get("state"), s.toString());
        assertEquals("1.0.0", state(s, "test.collector.e").get("version"));
        assertTrue(String.valueOf(state(s, "test.collector.e").get("error")).contains("version 1.0.0, the twin asks for 2.0.0"),
                s.toString());
        Bundle b = find(framework, "test.collector.e");
        assertEquals("1.0.0", b.getVersion().toString());
        assertEquals(Bundle.ACTIVE, b.getState(), "the installed version keeps running");
        assertTrue(eventStatuses().contains("BundleRefused"), eventStatuses().toString());
        // the entry put right again: accepted as installed, no new install
        long id = b.getBundleId();
        s = r.reconcile(Map.of("test.collector.e", entry(jar, "1.0.0")));
        assertEquals("ACTIVE", state(s, "test.collector.e").get("state"), s.toString());
        assertNull(state(s, "test.collector.e").get("error"));
        assertEquals(id, find(framework, "test.collector.e").getBundleId());
    }

    @Test
    void updatesInPlaceAndUninstallsWhenTheEntryIsRemoved() throws Exception {
        Path v1 = bundleJar(incoming.resolve("a-1.jar"), "test.collector.a", "1.0.0", "a1");
        Path v2 = bundleJar(incoming.resolve("a-2.jar"), "test.collector.a", "2.0.0", "a2");
        // a bundle somebody else installed: never touched by the reconciler
        Bundle foreign = framework.getBundleContext().installBundle(bundleJar(dir.resolve("foreign.jar"), "test.foreign", "1.0.0", "f").toUri().toString());
        BundleReconciler r = reconciler(framework);
        r.reconcile(Map.of("test.collector.a", entry(v1, "1.0.0")));
        long id = find(framework, "test.collector.a").getBundleId();

        Map<String, Object> s = r.reconcile(Map.of("test.collector.a", entry(v2, "2.0.0")));
        Bundle updated = find(framework, "test.collector.a");
        assertEquals(id, updated.getBundleId(), "updated in place");
        assertEquals("2.0.0", updated.getVersion().toString());
        assertEquals(Bundle.ACTIVE, updated.getState());
        assertEquals("2.0.0", state(s, "test.collector.a").get("version"));
        assertFalse(Files.exists(dataDir.resolve("verified").resolve(VerifiedJars.sha256(v1) + ".jar")), "the old verified jar is removed");

        s = r.reconcile(Map.of());
        assertTrue(s.containsKey("test.collector.a"));
        assertNull(s.get("test.collector.a"), "a removed bundle is reported as null (deleted from reported properties)");
        assertNull(find(framework, "test.collector.a"));
        assertEquals(Map.of(), JsonDocuments.object(Files.readString(dataDir.resolve(BundleReconciler.STATE_FILE))));
        assertTrue(foreign.getState() != Bundle.UNINSTALLED, "a bundle the reconciler did not install stays");
        assertNotNull(find(framework, "test.foreign"));
        assertTrue(eventStatuses().contains("BundleUninstalled"));
    }

    @Test
    void aSymbolicNameTakenByAnUnmanagedBundleIsRefused() throws Exception {
        Path jar = bundleJar(dir.resolve("builtin.jar"), "test.builtin", "1.0.0", "builtin");
        Bundle builtin = framework.getBundleContext().installBundle(jar.toUri().toString());
        Path mine = bundleJar(incoming.resolve("builtin-2.jar"), "test.builtin", "2.0.0", "mine");
        BundleReconciler r = reconciler(framework);
        Map<String, Object> s = r.reconcile(Map.of("test.builtin", entry(mine, "2.0.0")));
        assertEquals("REFUSED", state(s, "test.builtin").get("state"));
        assertTrue(String.valueOf(state(s, "test.builtin").get("error")).contains("not managed by the twin"));
        r.reconcile(Map.of());
        assertNotNull(framework.getBundleContext().getBundle(builtin.getBundleId()), "never uninstalls what it did not install");
    }

    @Test
    void aRestartReconvergesFromThePersistedSetWithoutTheTwin() throws Exception {
        Path a = bundleJar(incoming.resolve("a-1.jar"), "test.collector.a", "1.0.0", "a1");
        Path b = bundleJar(incoming.resolve("b-1.jar"), "test.collector.b", "1.0.0", "b1");
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("test.collector.a", entry(a, "1.0.0"));
        desired.put("test.collector.b", entry(b, "1.0.0"));
        reconciler(framework).reconcile(desired);
        stop(framework);
        // the jars the twin pointed at are gone; the verified copies remain
        Files.delete(a);
        Files.delete(b);

        framework = startFramework("felix-2"); // a fresh, empty framework cache, as the launcher starts
        assertNull(find(framework, "test.collector.a"));
        BundleReconciler again = reconciler(framework);
        assertEquals(Bundle.ACTIVE, find(framework, "test.collector.a").getState());
        assertEquals(Bundle.ACTIVE, find(framework, "test.collector.b").getState());
        assertEquals("ACTIVE", state(again.states(), "test.collector.b").get("state"));
        long id = find(framework, "test.collector.a").getBundleId();
        // the twin, once read, agrees: nothing is reinstalled
        again.reconcile(desired);
        assertEquals(id, find(framework, "test.collector.a").getBundleId());

        // a verified copy altered on disk is not re-installed after the next restart
        stop(framework);
        Path copy = dataDir.resolve("verified").resolve(desired.get("test.collector.b") instanceof Map<?, ?> m ? m.get("sha256") + ".jar" : "");
        Files.writeString(copy, "tampered");
        framework = startFramework("felix-3");
        BundleReconciler third = reconciler(framework);
        assertEquals(Bundle.ACTIVE, find(framework, "test.collector.a").getState());
        assertNull(find(framework, "test.collector.b"));
        assertEquals("UNINSTALLED", state(third.states(), "test.collector.b").get("state"));
        assertTrue(String.valueOf(state(third.states(), "test.collector.b").get("error")).contains("altered"));
    }

    @Test
    void downloadsFromAnAllowedHttpSourceAndVerifiesBeforeInstalling() throws Exception {
        Path jar = bundleJar(dir.resolve("served/e.jar"), "test.collector.e", "1.0.0", "e");
        byte[] bytes = Files.readAllBytes(jar);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        List<String> served = new ArrayList<>();
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            synchronized (served) {
                served.add(path);
            }
            if (path.endsWith("/e.jar")) {
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            BundleReconciler r = new BundleReconciler(framework.getBundleContext(), dataDir, List.of(base + "/bundles/"),
                    10_000_000, Duration.ofSeconds(10));
            assertTrue(r.awaitReady(30_000));

            Map<String, Object> outside = entry(jar, "1.0.0");
            outside.put("location", base + "/elsewhere/e.jar");
            Map<String, Object> s = r.reconcile(Map.of("test.collector.e", outside));
            assertTrue(String.valueOf(state(s, "test.collector.e").get("error")).contains("outside the allowed sources"), s.toString());
            synchronized (served) {
                assertEquals(List.of(), served, "nothing is fetched from a location that is not allowed");
            }

            Map<String, Object> missing = entry(jar, "1.0.0");
            missing.put("location", base + "/bundles/missing.jar");
            s = r.reconcile(Map.of("test.collector.e", missing));
            assertEquals("FAILED", state(s, "test.collector.e").get("state"));
            assertTrue(String.valueOf(state(s, "test.collector.e").get("error")).contains("HTTP 404"), s.toString());

            Map<String, Object> ok = entry(jar, "1.0.0");
            ok.put("location", base + "/bundles/e.jar");
            s = r.reconcile(Map.of("test.collector.e", ok));
            assertEquals("ACTIVE", state(s, "test.collector.e").get("state"), s.toString());
            assertEquals(Bundle.ACTIVE, find(framework, "test.collector.e").getState());
        } finally {
            server.stop(0);
        }
    }

    // ---- issue 14: regular files only, back-off, nothing refused kept, the policy switch ----

    @Test
    void aFifoAtAnAllowedPathIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = incoming.resolve("fifo.jar");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0);
        Path a = bundleJar(incoming.resolve("a-1.jar"), "test.collector.a", "1.0.0", "a1");
        BundleReconciler r = reconciler(framework);
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("test.collector.fifo", entry(fifo, "1.0.0", VerifiedJars.sha256(a)));
        desired.put("test.collector.a", entry(a, "1.0.0"));
        // (had it opened the FIFO, this call would never return: nobody writes to it)
        Map<String, Object> states = r.reconcile(desired);
        assertEquals("REFUSED", state(states, "test.collector.fifo").get("state"));
        assertTrue(String.valueOf(state(states, "test.collector.fifo").get("error")).contains("not a regular file"), states.toString());
        assertEquals("ACTIVE", state(states, "test.collector.a").get("state"), "the other entry goes on");
    }

    @Test
    void aFailingStartIsRetriedWithBackOffNotOnEveryReconciliation() throws Exception {
        Path jar = bundleJar(incoming.resolve("f-1.jar"), "test.collector.failing", "1.0.0", "f1");
        // an activator class the jar does not have: every start throws
        Path failing = incoming.resolve("f-activator.jar");
        try (var in = new java.util.jar.JarInputStream(Files.newInputStream(jar))) {
            Manifest mf = in.getManifest();
            mf.getMainAttributes().putValue(Constants.BUNDLE_ACTIVATOR, "no.such.Activator");
            try (OutputStream out = Files.newOutputStream(failing); JarOutputStream o = new JarOutputStream(out, mf)) {
                o.putNextEntry(new JarEntry("collector/data.txt"));
                o.write("f".getBytes(StandardCharsets.UTF_8));
                o.closeEntry();
            }
        }
        BundleReconciler r = reconciler(framework);
        Map<String, Object> desired = Map.of("test.collector.failing", entry(failing, "1.0.0"));
        Map<String, Object> states = r.reconcile(desired);
        assertTrue(List.of("INSTALLED", "RESOLVED").contains(state(states, "test.collector.failing").get("state")), states.toString());
        assertTrue(String.valueOf(state(states, "test.collector.failing").get("error")).contains("did not start"), states.toString());
        assertNotNull(r.nextRetry(), "a retry is scheduled");
        for (int i = 0; i < 5; i++) {
            states = r.reconcile(desired); // unrelated twin updates
        }
        assertEquals(1, eventStatuses().stream().filter("BundleFailed"::equals).count(), "started once, not on every update");
        assertTrue(String.valueOf(state(states, "test.collector.failing").get("error")).contains("did not start"),
                "the failure stays reported while it waits: " + states);
    }

    @Test
    void aRefusedJarIsNotKeptInTheVerifiedFolder() throws Exception {
        Path notAJar = incoming.resolve("passwd.jar");
        Files.writeString(notAJar, "root:x:0:0:root:/root:/bin/bash\n");
        BundleReconciler r = reconciler(framework);
        Map<String, Object> states = r.reconcile(Map.of("test.collector.p", entry(notAJar, null)));
        assertEquals("REFUSED", state(states, "test.collector.p").get("state"), states.toString());
        Path verified = dataDir.resolve("verified");
        if (Files.isDirectory(verified)) {
            try (var files = Files.list(verified)) {
                assertEquals(List.of(), files.toList(), "a refused file stays in verified/");
            }
        }
    }

    @Test
    void withBundleManagementOffEveryEntryIsRefused() throws Exception {
        Path a = bundleJar(incoming.resolve("a-1.jar"), "test.collector.a", "1.0.0", "a1");
        BundleReconciler r = new BundleReconciler(framework.getBundleContext(), dataDir, List.of(), 10_000_000, Duration.ofSeconds(10), false);
        assertTrue(r.awaitReady(30_000));
        Map<String, Object> states = r.reconcile(Map.of("test.collector.a", entry(a, "1.0.0")));
        assertEquals("REFUSED", state(states, "test.collector.a").get("state"));
        assertTrue(String.valueOf(state(states, "test.collector.a").get("error")).contains("switched off"), states.toString());
        assertNull(find(framework, "test.collector.a"));
    }

    /** (symbolic name, event type) of every bundle event while {@code action} runs, in order. */
    List<String> bundleEventsDuring(Framework f, ThrowingRunnable action) throws Exception {
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        SynchronousBundleListener listener = e -> seen.add(e.getBundle().getSymbolicName() + " " + switch (e.getType()) {
            case BundleEvent.STARTED -> "STARTED";
            case BundleEvent.STOPPED -> "STOPPED";
            case BundleEvent.UPDATED -> "UPDATED";
            case BundleEvent.RESOLVED -> "RESOLVED";
            case BundleEvent.UNRESOLVED -> "UNRESOLVED";
            default -> String.valueOf(e.getType());
        });
        f.getBundleContext().addBundleListener(listener);
        try {
            action.run();
        } finally {
            f.getBundleContext().removeBundleListener(listener);
        }
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static long count(List<String> events, String event) {
        return events.stream().filter(event::equals).count();
    }

    /** A bundle jar with extra manifest headers (exports, imports). */
    static Path bundleJarWith(Path file, String symbolicName, String version, Map<String, String> headers) throws IOException {
        Manifest mf = BundleJars.manifest(symbolicName, version);
        headers.forEach(mf.getMainAttributes()::putValue);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, mf)) {
            jar.putNextEntry(new JarEntry("collector/data.txt"));
            jar.write(version.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }

    @Test
    void anUpdateStopsAndStartsTheBundleOnceAndNoOtherBundle() throws Exception {
        // the hot-swap gap: Felix replaces and restarts a bundle nobody is wired to within
        // update(); a refresh after it stopped and started the new version a second time
        Path v1 = bundleJar(incoming.resolve("a-1.jar"), "test.collector.a", "1.0.0", "a1");
        Path v2 = bundleJar(incoming.resolve("a-2.jar"), "test.collector.a", "2.0.0", "a2");
        Bundle other = framework.getBundleContext().installBundle(bundleJar(dir.resolve("o.jar"), "test.other", "1.0.0", "o").toUri().toString());
        other.start();
        BundleReconciler r = reconciler(framework);
        r.reconcile(Map.of("test.collector.a", entry(v1, "1.0.0")));

        java.util.concurrent.atomic.AtomicReference<Map<String, Object>> s = new java.util.concurrent.atomic.AtomicReference<>();
        List<String> events = bundleEventsDuring(framework, () -> s.set(r.reconcile(Map.of("test.collector.a", entry(v2, "2.0.0")))));

        assertEquals(1, count(events, "test.collector.a STOPPED"), events.toString());
        assertEquals(1, count(events, "test.collector.a STARTED"), events.toString());
        assertEquals(1, count(events, "test.collector.a UPDATED"), events.toString());
        assertTrue(events.stream().noneMatch(e -> e.startsWith("test.other ")), "no other bundle is touched: " + events);
        assertEquals("ACTIVE", state(s.get(), "test.collector.a").get("state"), s.get().toString());
        assertEquals("2.0.0", state(s.get(), "test.collector.a").get("version"));
        Bundle a = find(framework, "test.collector.a");
        assertEquals(Bundle.ACTIVE, a.getState());
        assertEquals("2.0.0", a.adapt(BundleWiring.class).getRevision().getVersion().toString(), "the new revision is the one wired");
        assertTrue(frameworkWiring().getRemovalPendingBundles().isEmpty(), "no old revision is left behind");
    }

    @Test
    void anUpdateRefusedForItsDigestDoesNotEvenRestartTheRunningVersion() throws Exception {
        Path v1 = bundleJar(incoming.resolve("a-1.jar"), "test.collector.a", "1.0.0", "a1");
        Path v2 = bundleJar(incoming.resolve("a-2.jar"), "test.collector.a", "2.0.0", "a2");
        BundleReconciler r = reconciler(framework);
        r.reconcile(Map.of("test.collector.a", entry(v1, "1.0.0")));

        java.util.concurrent.atomic.AtomicReference<Map<String, Object>> s = new java.util.concurrent.atomic.AtomicReference<>();
        // the twin pins v1's digest for v2's jar
        List<String> events = bundleEventsDuring(framework,
                () -> s.set(r.reconcile(Map.of("test.collector.a", entry(v2, "2.0.0", VerifiedJars.sha256(v1))))));

        assertEquals(List.of(), events, "the jar is verified before the running version is touched");
        assertEquals("ACTIVE", state(s.get(), "test.collector.a").get("state"), s.get().toString());
        assertEquals("1.0.0", state(s.get(), "test.collector.a").get("version"));
        assertTrue(String.valueOf(state(s.get(), "test.collector.a").get("error")).contains("SHA-256 mismatch"), s.get().toString());
        assertTrue(eventStatuses().contains("BundleRefused"), eventStatuses().toString());
    }

    @Test
    void anUpdatedBundleWhosePackagesAreInUseIsRefreshedWithItsDependents() throws Exception {
        Path v1 = bundleJarWith(incoming.resolve("lib-1.jar"), "test.lib", "1.0.0", Map.of("Export-Package", "test.lib;version=1.0.0"));
        Path v2 = bundleJarWith(incoming.resolve("lib-2.jar"), "test.lib", "2.0.0", Map.of("Export-Package", "test.lib;version=2.0.0"));
        BundleReconciler r = reconciler(framework);
        r.reconcile(Map.of("test.lib", entry(v1, "1.0.0")));
        // a bundle somebody else installed, wired to the managed bundle's package
        Bundle user = framework.getBundleContext().installBundle(
                bundleJarWith(dir.resolve("user.jar"), "test.user", "1.0.0", Map.of("Import-Package", "test.lib")).toUri().toString());
        user.start();
        assertEquals("1.0.0", providerOfTestLib(user));

        List<String> events = bundleEventsDuring(framework, () -> r.reconcile(Map.of("test.lib", entry(v2, "2.0.0"))));

        assertEquals("2.0.0", providerOfTestLib(user), "the dependent is wired to the new version: " + events);
        assertEquals(Bundle.ACTIVE, user.getState(), "and runs again");
        assertEquals(Bundle.ACTIVE, find(framework, "test.lib").getState());
        assertEquals(1, count(events, "test.user STOPPED"), events.toString());
        assertTrue(frameworkWiring().getRemovalPendingBundles().isEmpty(), "the old revision is gone");
    }

    FrameworkWiring frameworkWiring() {
        return framework.adapt(FrameworkWiring.class);
    }

    static String providerOfTestLib(Bundle user) {
        for (BundleWire w : user.adapt(BundleWiring.class).getRequiredWires(BundleRevision.PACKAGE_NAMESPACE)) {
            if ("test.lib".equals(w.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE))) {
                return w.getProvider().getVersion().toString();
            }
        }
        return null;
    }
}
