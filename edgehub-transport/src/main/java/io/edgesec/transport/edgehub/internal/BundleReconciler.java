package io.edgesec.transport.edgehub.internal;

import io.edgesec.api.collector.Collector;
import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import io.edgesec.api.json.JsonParseException;
import io.edgesec.api.json.JsonReader;
import io.edgesec.api.json.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Makes the set of twin-managed bundles match the twin's {@code edgesec.bundles} section:
 * {@code {"<symbolicName>": {"version": "...", "location": "file:/... | https://...", "sha256": "<hex>"}}}.
 *
 * <ul>
 * <li>A location outside the allowed sources is refused before anything is read from it.
 * <li>The jar is read into the data directory while its SHA-256 is computed, and installed only
 * if the digest matches, from that verified copy (never read twice from the source). Its
 * manifest must name the same symbolic name (and version, if given).
 * <li>A refused or failed entry changes nothing else: other entries go on, and a bundle already
 * installed for that name keeps running. Refusals are reported (state and error in the
 * reported properties; a CollectorStatus event).
 * <li>Only bundles it installed (location {@code edgesec-twin:<bsn>}, in its persisted set) are
 * ever updated or uninstalled by it; a name taken by another bundle is refused.
 * <li>The installed set and the verified jars are kept in the data directory, so a restart (the
 * launcher starts from a clean framework cache) re-installs them before the twin is read.
 * </ul>
 */
@Component(service = {BundleReconciler.class, TriggeredCollector.class}, immediate = true,
        configurationPid = BundleReconcilerConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = Collector.NAME + "=bundles")
@Designate(ocd = BundleReconcilerConfig.class)
public class BundleReconciler implements BundleManager, TriggeredCollector {
    private static final Logger LOG = Logger.getLogger(BundleReconciler.class.getName());
    static final String LOCATION_PREFIX = "edgesec-twin:";
    static final String DEFAULT_DATA_DIR = "/var/lib/edgesec/bundles";
    static final String STATE_FILE = "installed.json";

    private final BundleContext context;
    private final Path dataDir;
    private final Path cacheDir;
    private final List<String> allowedSources;
    private final long maxBytes;
    private final Duration downloadTimeout;
    /** device policy (local configuration only): whether the twin may manage bundles at all */
    private final boolean enabled;
    /** entries that failed (fetch, install, start), retried with back-off rather than on every twin update */
    private final RetryBackoff retries = new RetryBackoff(RetryBackoff.DEFAULT_FIRST, RetryBackoff.DEFAULT_MAX);
    /** fetches that may outlive one reconciliation (a slow source never holds the twin thread) */
    private final BoundedFetches fetches;
    /** bsn to what it installed; persisted */
    private final Map<String, Installed> installed = new TreeMap<>();
    /** bsn to the last problem with its desired entry (cleared when it converges) */
    private final Map<String, Map<String, Object>> problems = new TreeMap<>();
    /** bsn to the desired entry whose refusal was already reported as an event */
    private final Map<String, String> reportedRefusals = new TreeMap<>();
    private final CompletableFuture<Void> ready;
    /** Refusals and failures found while the agent starts, before the aggregator takes this collector. */
    private final HeldUntilOpen held = new HeldUntilOpen("bundles", 100);

    record Installed(String version, String sha256, String source) {
    }

    record Spec(String bsn, String version, String location, String sha256) {
        String key() {
            return sha256 + " " + location + " " + version;
        }
    }

    /** A desired entry that policy does not allow: reported, never retried until it changes. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }

    @Activate
    public BundleReconciler(BundleContext context, BundleReconcilerConfig config) {
        this(context, dataDir(context, config.dataDir()), List.of(config.allowedSources()),
                config.maxBundleSizeInBytes(), duration(config.downloadTimeout(), Duration.ofMinutes(2)), config.enabled());
    }

    BundleReconciler(BundleContext context, Path dataDir, List<String> allowedSources, long maxBytes, Duration downloadTimeout) {
        this(context, dataDir, allowedSources, maxBytes, downloadTimeout, true);
    }

    BundleReconciler(BundleContext context, Path dataDir, List<String> allowedSources, long maxBytes, Duration downloadTimeout,
            boolean enabled) {
        this.context = context;
        this.enabled = enabled;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.cacheDir = this.dataDir.resolve("verified");
        List<String> allowed = new ArrayList<>();
        for (String s : allowedSources) {
            if (s != null && !s.isBlank()) {
                allowed.add(s.trim());
            }
        }
        if (allowed.isEmpty()) {
            allowed.add(this.dataDir.toUri().toString());
        }
        this.allowedSources = List.copyOf(allowed);
        this.maxBytes = maxBytes;
        this.downloadTimeout = downloadTimeout;
        this.fetches = new BoundedFetches(downloadTimeout);
        this.ready = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                reconverge();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "re-installing the twin-managed bundles failed", e);
            } finally {
                ready.complete(null);
            }
        }, "edgesec-bundles-restore");
        t.setDaemon(true);
        t.start();
    }

    static Path dataDir(BundleContext context, String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String base = context == null ? null : context.getProperty("edgesec.data.dir");
        return base != null && !base.isBlank() ? Path.of(base, "bundles") : Path.of(DEFAULT_DATA_DIR);
    }

    static Duration duration(String iso, Duration fallback) {
        try {
            return iso == null || iso.isBlank() ? fallback : Duration.parse(iso.trim());
        } catch (DateTimeParseException e) {
            LOG.warning("'" + iso + "' is not an ISO-8601 duration; using " + fallback);
            return fallback;
        }
    }

    List<String> allowedSources() {
        return allowedSources;
    }

    /** Waits until the persisted set has been re-installed after start. */
    boolean awaitReady(long timeoutMs) {
        try {
            ready.get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------
    // start-up: re-install the persisted set from the verified copies

    private synchronized void reconverge() {
        loadState();
        removeUnreferencedCopies();
        List<Bundle> toStart = new ArrayList<>();
        for (Map.Entry<String, Installed> e : installed.entrySet()) {
            String bsn = e.getKey();
            Installed inst = e.getValue();
            Bundle b = managedBundle(bsn);
            try {
                if (b == null) {
                    Path jar = cacheDir.resolve(inst.sha256() + ".jar");
                    String actual = sha256(jar);
                    if (!actual.equals(inst.sha256())) {
                        throw new IOException("the verified copy " + jar + " was altered (SHA-256 " + actual + ")");
                    }
                    try (InputStream in = Files.newInputStream(jar)) {
                        b = context.installBundle(LOCATION_PREFIX + bsn, in);
                    }
                    LOG.info("re-installed twin-managed bundle " + bsn + " " + inst.version());
                }
                toStart.add(b);
            } catch (IOException | BundleException | RuntimeException ex) {
                problem(bsn, "FAILED", inst.version(), inst.sha256(), "not re-installed after restart: " + describe(ex), inst.source(), false);
            }
        }
        startAll(toStart);
    }

    // ---------------------------------------------------------------------------------------
    // reconcile with the twin

    @Override
    public synchronized Map<String, Object> reconcile(Map<String, Object> desired) {
        awaitReady(60_000);
        if (!enabled) {
            return refuseAll(desired);
        }
        fetches.beginRound();
        Map<String, Object> removed = new TreeMap<>();
        Set<Bundle> changed = new LinkedHashSet<>();
        List<Bundle> toStart = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (Map.Entry<String, Object> e : desired.entrySet()) {
            String bsn = e.getKey();
            if (e.getValue() == null) {
                continue; // null: not wanted (removed below)
            }
            wanted.add(bsn);
            Spec spec;
            try {
                spec = spec(bsn, e.getValue());
            } catch (Refusal r) {
                refuse(bsn, null, r.getMessage(), String.valueOf(e.getValue()));
                Bundle current = managedBundle(bsn);
                if (current != null) {
                    toStart.add(current);
                }
                continue;
            }
            converge(spec, changed, toStart);
        }
        for (String bsn : new ArrayList<>(installed.keySet())) {
            if (!wanted.contains(bsn)) {
                uninstall(bsn, changed);
                removed.put(bsn, null);
            }
        }
        // problems of entries no longer desired are no longer interesting
        for (String bsn : new ArrayList<>(problems.keySet())) {
            if (!wanted.contains(bsn)) {
                problems.remove(bsn);
                reportedRefusals.remove(bsn);
                removed.put(bsn, null);
            }
        }
        retries.retainOnly(wanted);
        persist();
        refresh(changed);
        startAll(toStart);
        Map<String, Object> out = new TreeMap<>(removed);
        out.putAll(states());
        return out;
    }

    private void converge(Spec spec, Set<Bundle> changed, List<Bundle> toStart) {
        String bsn = spec.bsn();
        Installed current = installed.get(bsn);
        Bundle bundle = managedBundle(bsn);
        // the same jar is installed, and the entry does not claim another version for it (if it
        // does, the check below refuses the entry and names both versions)
        if (current != null && current.sha256().equals(spec.sha256()) && bundle != null
                && (spec.version() == null || Version.parseVersion(spec.version()).equals(bundle.getVersion()))) {
            if (!retries.waiting(bsn, START_KEY)) {
                problems.remove(bsn); // (a start failure keeps its report until its retry)
            }
            reportedRefusals.remove(bsn);
            toStart.add(bundle); // started unless a failed start waits for its retry
            return;
        }
        if (retries.waiting(bsn, spec.key())) {
            if (bundle != null) {
                toStart.add(bundle);
            }
            return; // failed a moment ago: retried when its back-off is over, not on every twin update
        }
        try {
            Bundle other = unmanagedBundle(bsn);
            if (other != null) {
                throw new Refusal("a bundle " + bsn + " is already installed (location " + other.getLocation()
                        + ") and is not managed by the twin");
            }
            Map<String, Object> known = problems.get(bsn);
            if (known != null && "REFUSED".equals(known.get("state")) && spec.key().equals(reportedRefusals.get(bsn))) {
                if (bundle != null) {
                    toStart.add(bundle);
                }
                return; // this very entry was refused already: not fetched again until it changes
            }
            Path jar = fetch(spec);
            try {
                checkManifest(jar, spec);
            } catch (Refusal r) {
                deleteUnused(spec.sha256()); // nothing refused is kept
                throw r;
            }
            try (InputStream in = Files.newInputStream(jar)) {
                if (bundle == null) {
                    bundle = context.installBundle(LOCATION_PREFIX + bsn, in);
                } else {
                    bundle.update(in);
                }
            }
            changed.add(bundle);
            toStart.add(bundle);
            Installed previous = installed.put(bsn, new Installed(versionOf(bundle), spec.sha256(), spec.location()));
            persist();
            if (previous != null && !previous.sha256().equals(spec.sha256())) {
                deleteUnused(previous.sha256());
            }
            problems.remove(bsn);
            reportedRefusals.remove(bsn);
            retries.succeeded(bsn);
            LOG.info((current == null ? "installed" : "updated") + " twin-managed bundle " + bsn + " " + versionOf(bundle)
                    + " from " + spec.location() + " (SHA-256 " + spec.sha256() + ")");
            emit(current == null ? "BundleInstalled" : "BundleUpdated", spec.location(),
                    bsn + " " + versionOf(bundle) + " (SHA-256 " + spec.sha256() + ")", Severity.INFORMATION);
        } catch (Refusal r) {
            refuse(bsn, spec, r.getMessage(), spec.key());
            if (bundle != null) {
                toStart.add(bundle); // the installed version stays as it was
            }
        } catch (IOException | BundleException | RuntimeException e) {
            Duration wait = retries.failed(bsn, spec.key());
            problem(bsn, "FAILED", spec.version(), spec.sha256(), describe(e) + "; retried in " + wait.toSeconds() + " s",
                    spec.location(), true);
            if (bundle != null) {
                toStart.add(bundle);
            }
        }
    }

    /** The key under which a start failure waits for its retry (the entry is installed; its start failed). */
    static final String START_KEY = "start";

    /** Bundle management is off on this device: every desired entry is refused, nothing is touched. */
    private Map<String, Object> refuseAll(Map<String, Object> desired) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : desired.entrySet()) {
            if (e.getValue() != null) {
                refuse(e.getKey(), null, "bundle management is switched off on this device (" + BundleReconcilerConfig.PID
                        + "/enabled, local configuration only)", String.valueOf(e.getValue()));
            }
        }
        for (String bsn : new ArrayList<>(problems.keySet())) {
            if (desired.get(bsn) == null) {
                problems.remove(bsn);
                reportedRefusals.remove(bsn);
                out.put(bsn, null);
            }
        }
        out.putAll(states());
        return out;
    }

    /** @return when the earliest failed entry is due for its retry; null if none waits */
    @Override
    public synchronized java.time.Instant nextRetry() {
        return retries.next();
    }

    private void uninstall(String bsn, Set<Bundle> changed) {
        Installed inst = installed.get(bsn);
        Bundle b = managedBundle(bsn);
        try {
            if (b != null) {
                b.uninstall();
                changed.add(b);
            }
            installed.remove(bsn);
            deleteUnused(inst.sha256());
            LOG.info("uninstalled twin-managed bundle " + bsn + " (no longer in the twin)");
            emit("BundleUninstalled", inst.source(), bsn + " " + inst.version(), Severity.INFORMATION);
        } catch (BundleException | RuntimeException e) {
            problem(bsn, "FAILED", inst.version(), inst.sha256(), "uninstall failed: " + describe(e), inst.source(), true);
        }
    }

    static Spec spec(String bsn, Object value) throws Refusal {
        if (!(value instanceof Map<?, ?> m)) {
            throw new Refusal("expected {\"version\", \"location\", \"sha256\"}");
        }
        if (bsn.length() > 255) {
            throw new Refusal("a symbolic name of " + bsn.length() + " characters is not a bundle symbolic name");
        }
        if (bsn.isBlank() || !bsn.matches("[A-Za-z0-9_.\\-]+")) {
            throw new Refusal("'" + bsn + "' is not a bundle symbolic name");
        }
        Object loc = m.get("location");
        if (!(loc instanceof String location) || location.isBlank()) {
            throw new Refusal("location is missing");
        }
        Object sha = m.get("sha256");
        if (!(sha instanceof String digest) || !digest.trim().matches("[0-9A-Fa-f]{64}")) {
            throw new Refusal("sha256 must be 64 hexadecimal digits (the SHA-256 of the jar)");
        }
        Object ver = m.get("version");
        String version = null;
        if (ver != null) {
            version = String.valueOf(ver).trim();
            try {
                Version.parseVersion(version);
            } catch (IllegalArgumentException e) {
                throw new Refusal("version '" + version + "' is not an OSGi version");
            }
        }
        return new Spec(bsn, version, location.trim(), digest.trim().toLowerCase(Locale.ROOT));
    }

    // ---------------------------------------------------------------------------------------
    // sources, digests, manifests

    /** {@link #obtain} off this thread, bounded in time ({@link BoundedFetches}). */
    private Path fetch(Spec spec) throws Refusal, IOException {
        try {
            return fetches.obtain(spec.key(), () -> obtain(spec));
        } catch (Refusal | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(describe(e), e);
        }
    }

    /** @return the verified jar in the data directory */
    private Path obtain(Spec spec) throws Refusal, IOException {
        URI uri = allowed(spec.location());
        Files.createDirectories(cacheDir);
        Path target = cacheDir.resolve(spec.sha256() + ".jar");
        Path tmp = Files.createTempFile(cacheDir, "incoming-", ".part");
        try {
            MessageDigest md = sha256();
            try (InputStream in = openSource(uri); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[65536];
                long total = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new Refusal("larger than maxBundleSizeInBytes (" + maxBytes + ")");
                    }
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(spec.sha256())) {
                throw new Refusal("SHA-256 mismatch: the twin pins " + spec.sha256() + ", " + spec.location() + " has " + actual);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @return the location as a URI if it lies under an allowed source
     * @throws Refusal otherwise
     */
    URI allowed(String location) throws Refusal {
        URI uri;
        try {
            uri = new URI(location).normalize();
        } catch (URISyntaxException e) {
            throw new Refusal("location '" + location + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("file") && !scheme.equals("https") && !scheme.equals("http")) {
            throw new Refusal("location '" + location + "' is not a file:, https: or http: URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null && scheme.equals("file")) {
            throw new Refusal("location '" + location + "' is outside the allowed sources " + allowedSources);
        }
        for (String prefix : allowedSources) {
            if (under(uri, scheme, prefix)) {
                return uri;
            }
        }
        throw new Refusal("location '" + location + "' is outside the allowed sources " + allowedSources);
    }

    private static boolean under(URI uri, String scheme, String prefix) {
        URI p;
        try {
            p = new URI(prefix).normalize();
        } catch (URISyntaxException e) {
            return false;
        }
        String pScheme = p.getScheme() == null ? "" : p.getScheme().toLowerCase(Locale.ROOT);
        if (!pScheme.equals(scheme)) {
            return false;
        }
        if (scheme.equals("file")) {
            try {
                Path path = real(Path.of(uri).normalize());
                Path base = real(Path.of(p).normalize());
                return path.startsWith(base) && !path.equals(base);
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }
        String s = uri.toString();
        String ps = p.toString();
        if (!s.startsWith(ps)) {
            return false;
        }
        return ps.endsWith("/") || s.length() == ps.length() || s.charAt(ps.length()) == '/';
    }

    /** The real path where it exists (symbolic links resolved), else the path itself. */
    private static Path real(Path p) throws IOException {
        try {
            return p.toRealPath();
        } catch (NoSuchFileException e) {
            Path parent = p.getParent();
            return parent == null ? p : real(parent).resolve(p.getFileName());
        }
    }

    private InputStream openSource(URI uri) throws IOException, Refusal {
        try {
            return open(uri);
        } catch (RegularFiles.NotARegularFile e) {
            throw new Refusal(e.getMessage());
        }
    }

    private InputStream open(URI uri) throws IOException {
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            return RegularFiles.open(Path.of(uri));
        }
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(downloadTimeout).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(downloadTimeout).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("download " + uri + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download " + uri + " interrupted");
        }
    }

    private static void checkManifest(Path jar, Spec spec) throws Refusal, IOException {
        Manifest mf;
        try (JarFile jf = new JarFile(jar.toFile())) {
            mf = jf.getManifest();
        } catch (IOException e) {
            throw new Refusal("not a jar: " + e.getMessage());
        }
        if (mf == null) {
            throw new Refusal("the jar has no manifest");
        }
        String name = mf.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (name == null) {
            throw new Refusal("the jar is not an OSGi bundle (no Bundle-SymbolicName)");
        }
        int semi = name.indexOf(';');
        String bsn = (semi >= 0 ? name.substring(0, semi) : name).trim();
        if (!bsn.equals(spec.bsn())) {
            throw new Refusal("the jar is bundle " + bsn + ", not " + spec.bsn());
        }
        if (spec.version() != null) {
            String v = mf.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            Version actual = Version.parseVersion(v == null ? "0.0.0" : v.trim());
            if (!actual.equals(Version.parseVersion(spec.version()))) {
                throw new Refusal("the jar is version " + actual + ", the twin asks for " + spec.version());
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Start-up: verified copies the installed set does not name (left by a crash or an older version) go. */
    private void removeUnreferencedCopies() {
        if (!Files.isDirectory(cacheDir)) {
            return;
        }
        Set<String> keep = new java.util.HashSet<>();
        installed.values().forEach(i -> keep.add(i.sha256() + ".jar"));
        try (java.util.stream.Stream<Path> files = Files.list(cacheDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!keep.contains(f.getFileName().toString())) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            LOG.warning("cleaning " + cacheDir + ": " + e.getMessage());
        }
    }

    private void deleteUnused(String sha) {
        for (Installed i : installed.values()) {
            if (i.sha256().equals(sha)) {
                return;
            }
        }
        try {
            Files.deleteIfExists(cacheDir.resolve(sha + ".jar"));
        } catch (IOException e) {
            LOG.fine("removing " + sha + ".jar: " + e);
        }
    }

    // ---------------------------------------------------------------------------------------
    // framework

    private Bundle managedBundle(String bsn) {
        Bundle b = context.getBundle(LOCATION_PREFIX + bsn);
        return b == null || b.getState() == Bundle.UNINSTALLED ? null : b;
    }

    private Bundle unmanagedBundle(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName()) && !(LOCATION_PREFIX + bsn).equals(b.getLocation())) {
                return b;
            }
        }
        return null;
    }

    private void refresh(Set<Bundle> changed) {
        if (changed.isEmpty()) {
            return;
        }
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(changed, event -> done.countDown());
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                LOG.warning("refreshing the wiring took longer than 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startAll(List<Bundle> bundles) {
        for (Bundle b : bundles) {
            if (b.getState() == Bundle.UNINSTALLED || b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            String bsn = b.getLocation().substring(LOCATION_PREFIX.length());
            if (b.getState() == Bundle.ACTIVE || retries.waiting(bsn, START_KEY)) {
                continue; // a failed start is retried when its back-off is over, not on every twin update
            }
            try {
                b.start();
                if (retries.succeeded(bsn)) {
                    problems.remove(bsn);
                }
            } catch (BundleException | RuntimeException e) {
                Installed inst = installed.get(bsn);
                Duration wait = retries.failed(bsn, START_KEY);
                problem(bsn, "FAILED", inst != null ? inst.version() : versionOf(b), inst != null ? inst.sha256() : null,
                        "installed but did not start: " + describe(e) + "; retried in " + wait.toSeconds() + " s",
                        inst != null ? inst.source() : b.getLocation(), true);
            }
        }
    }

    private static String versionOf(Bundle b) {
        return b.getVersion().toString();
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }

    // ---------------------------------------------------------------------------------------
    // states and reports

    @Override
    public synchronized Map<String, Object> states() {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Installed> e : installed.entrySet()) {
            Map<String, Object> s = new LinkedHashMap<>();
            Bundle b = managedBundle(e.getKey());
            s.put("state", b == null ? "UNINSTALLED" : stateName(b.getState()));
            s.put("version", b == null ? e.getValue().version() : versionOf(b));
            s.put("sha256", e.getValue().sha256());
            s.put("location", e.getValue().source());
            Map<String, Object> p = problems.get(e.getKey());
            s.put("error", p == null ? null : p.get("error"));
            out.put(e.getKey(), s);
        }
        for (Map.Entry<String, Map<String, Object>> e : problems.entrySet()) {
            if (!out.containsKey(e.getKey())) {
                out.put(e.getKey(), new LinkedHashMap<>(e.getValue()));
            }
        }
        return out;
    }

    private void refuse(String bsn, Spec spec, String why, String key) {
        boolean fresh = !key.equals(reportedRefusals.get(bsn));
        reportedRefusals.put(bsn, key);
        problem(bsn, "REFUSED", spec == null ? null : spec.version(), spec == null ? null : spec.sha256(),
                why, spec == null ? null : spec.location(), fresh);
    }

    private void problem(String bsn, String state, String version, String sha, String rawError, String source, boolean emit) {
        String error = Bounded.text(rawError); // a twin entry's 60 KB location is not echoed whole
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("state", state);
        p.put("version", version);
        p.put("sha256", sha);
        p.put("location", source);
        p.put("error", error);
        problems.put(bsn, p);
        LOG.warning("twin-managed bundle " + Bounded.text(bsn, 100) + ": " + state.toLowerCase(Locale.ROOT) + ": " + error);
        if (emit) {
            emit("REFUSED".equals(state) ? "BundleRefused" : "BundleFailed", Bounded.text(source), Bounded.text(bsn, 100) + ": " + error,
                    Severity.ERROR);
        }
    }

    private void emit(String status, String source, String message, Severity severity) {
        SecurityEvent e = CollectorStatus.of("bundles", status, severity, message,
                Map.of("Source", source == null ? "" : source), null);
        held.submit(e);
    }

    @Override
    public void open(EventSink eventSink) {
        held.open(eventSink);
    }

    @Override
    public void close() {
        held.close();
    }

    // ---------------------------------------------------------------------------------------
    // persistence

    private void loadState() {
        Path f = dataDir.resolve(STATE_FILE);
        installed.clear();
        if (!Files.exists(f)) {
            return;
        }
        try {
            Map<String, Object> doc = JsonReader.parseObject(Files.readString(f, StandardCharsets.UTF_8));
            for (Map.Entry<String, Object> e : doc.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> m && m.get("sha256") instanceof String sha) {
                    installed.put(e.getKey(), new Installed(String.valueOf(m.get("version")), sha,
                            m.get("location") == null ? null : String.valueOf(m.get("location"))));
                }
            }
        } catch (IOException | JsonParseException e) {
            LOG.warning("the installed set " + f + " cannot be read (" + e.getMessage() + "); starting from the twin alone");
        }
    }

    private void persist() {
        Map<String, Object> doc = new TreeMap<>();
        installed.forEach((bsn, i) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", i.version());
            m.put("sha256", i.sha256());
            m.put("location", i.source());
            doc.put(bsn, m);
        });
        Path f = dataDir.resolve(STATE_FILE);
        try {
            Files.createDirectories(dataDir);
            Path tmp = Files.createTempFile(dataDir, STATE_FILE, ".tmp");
            try {
                Files.writeString(tmp, JsonWriter.write(doc), StandardCharsets.UTF_8);
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            LOG.warning("the installed set cannot be written to " + f + ": " + e.getMessage());
        }
    }

    static String describe(Throwable t) {
        return Errors.describe(t);
    }

    @Deactivate
    void deactivate() {
        close();
        fetches.close();
        // the bundles stay installed: they are the framework's until it stops
    }
}
