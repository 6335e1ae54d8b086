package io.edgesec.bundles.internal;

import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import io.edgesec.support.json.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * The bundles this manager installed, by symbolic name, persisted in
 * {@code <data dir>/installed.json} (written whole to a temporary file and moved into place, so
 * a crash leaves the old set or the new one). The launcher starts from a clean framework cache,
 * so this set, with the verified copies, is what is re-installed before the twin is read.
 * Not thread-safe: the reconciler's lock guards it.
 */
final class InstalledSet {
    private static final Logger LOG = Logger.getLogger(InstalledSet.class.getName());
    static final String STATE_FILE = "installed.json";

    /** What was installed for a name: the bundle's version, the jar's digest, where it came from. */
    record Installed(String version, String sha256, String source) {
    }

    private final Path dataDir;
    private final Map<String, Installed> installed = new TreeMap<>();

    InstalledSet(Path dataDir) {
        this.dataDir = dataDir;
    }

    Installed get(String bsn) {
        return installed.get(bsn);
    }

    Map<String, Installed> all() {
        return java.util.Collections.unmodifiableMap(installed);
    }

    /** @return the installed names, in order (a copy: the set may change while they are walked) */
    List<String> names() {
        return List.copyOf(installed.keySet());
    }

    /** @return the digests of every installed jar */
    Set<String> digests() {
        Set<String> out = new HashSet<>();
        installed.values().forEach(i -> out.add(i.sha256()));
        return out;
    }

    /** @return the previous entry for the name, or null */
    Installed put(String bsn, Installed i) {
        return installed.put(bsn, i);
    }

    void remove(String bsn) {
        installed.remove(bsn);
    }

    /** Reads the persisted set; an unreadable file is reported and the set starts empty. */
    void load() {
        Path f = dataDir.resolve(STATE_FILE);
        installed.clear();
        if (!Files.exists(f)) {
            return;
        }
        try {
            Map<String, Object> doc = JsonDocuments.object(Files.readString(f, StandardCharsets.UTF_8));
            for (Map.Entry<String, Object> e : doc.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> m && m.get("sha256") instanceof String sha) {
                    installed.put(e.getKey(), new Installed(String.valueOf(m.get("version")), sha,
                            m.get("location") == null ? null : String.valueOf(m.get("location"))));
                }
            }
        } catch (IOException | JsonDocumentException e) {
            LOG.warning("the installed set " + f + " cannot be read (" + e.getMessage() + "); starting from the twin alone");
        }
    }

    void persist() {
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
                Files.writeString(tmp, JsonText.write(doc), StandardCharsets.UTF_8);
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            LOG.warning("the installed set cannot be written to " + f + ": " + e.getMessage());
        }
    }
}
