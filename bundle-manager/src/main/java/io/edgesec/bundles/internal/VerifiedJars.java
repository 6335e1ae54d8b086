package io.edgesec.bundles.internal;

import io.edgesec.support.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * The verified copies of bundle jars, {@code <data dir>/verified/<sha256>.jar}: a jar is read
 * from its source into a temporary file while its SHA-256 is computed, at most
 * {@code maxBytes} of it, and kept only if the digest is the one the entry pins and its manifest
 * names the entry's bundle (and version); everything refused is deleted. Bundles are installed
 * from these copies, never read twice from the source, and re-installed from them after a
 * restart. Each fetch runs off the caller's thread, bounded in time ({@link BoundedFetches}).
 */
final class VerifiedJars implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(VerifiedJars.class.getName());

    private final Path dir;
    private final BundleSources sources;
    private final long maxBytes;
    private final BoundedFetches fetches;

    VerifiedJars(Path dir, BundleSources sources, long maxBytes, Duration downloadTimeout) {
        this.dir = dir;
        this.sources = sources;
        this.maxBytes = maxBytes;
        this.fetches = new BoundedFetches(downloadTimeout);
    }

    Path dir() {
        return dir;
    }

    Path copyOf(String sha256) {
        return dir.resolve(sha256 + ".jar");
    }

    /** Starts a reconciliation: its fetches together hold the caller at most {@link BoundedFetches#WAIT}. */
    void beginRound() {
        fetches.beginRound();
    }

    /**
     * @param inUse the digests of the installed bundles (their copies stay, whatever is refused)
     * @return the verified copy of the entry's jar
     * @throws Refusal     policy: location, size, digest or manifest (nothing is kept)
     * @throws IOException the source cannot be read now, or not in time (retried)
     */
    Path obtain(BundleSpec spec, Set<String> inUse) throws Refusal, IOException {
        Path jar;
        try {
            jar = fetches.obtain(spec.key(), () -> download(spec));
        } catch (Refusal | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(Errors.describe(e), e);
        }
        try {
            checkManifest(jar, spec);
        } catch (Refusal r) {
            deleteIfUnused(spec.sha256(), inUse); // nothing refused is kept
            throw r;
        }
        return jar;
    }

    private Path download(BundleSpec spec) throws Refusal, IOException {
        URI uri = sources.check(spec.location());
        Files.createDirectories(dir);
        Path target = copyOf(spec.sha256());
        Path tmp = Files.createTempFile(dir, "incoming-", ".part");
        try {
            MessageDigest md = sha256();
            try (InputStream in = sources.open(uri); OutputStream out = Files.newOutputStream(tmp)) {
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

    private static void checkManifest(Path jar, BundleSpec spec) throws Refusal {
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

    /** @throws IOException if the copy was altered since it was verified (or is gone) */
    Path reverify(String sha256) throws IOException {
        Path jar = copyOf(sha256);
        String actual = sha256(jar);
        if (!actual.equals(sha256)) {
            throw new IOException("the verified copy " + jar + " was altered (SHA-256 " + actual + ")");
        }
        return jar;
    }

    /** Deletes the copy with this digest unless one of {@code inUse} is it. */
    void deleteIfUnused(String sha256, Set<String> inUse) {
        if (inUse.contains(sha256)) {
            return;
        }
        try {
            Files.deleteIfExists(copyOf(sha256));
        } catch (IOException e) {
            LOG.fine("removing " + sha256 + ".jar: " + e);
        }
    }

    /** Start-up: copies no installed bundle uses (left by a crash or an older version) go. */
    void removeAllBut(Set<String> inUse) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Set<String> keep = new HashSet<>();
        inUse.forEach(sha -> keep.add(sha + ".jar"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!keep.contains(f.getFileName().toString())) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            LOG.warning("cleaning " + dir + ": " + e.getMessage());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the SHA-256 of a file, as 64 lower-case hexadecimal digits */
    public static String sha256(Path file) throws IOException {
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

    @Override
    public void close() {
        fetches.close();
    }
}
