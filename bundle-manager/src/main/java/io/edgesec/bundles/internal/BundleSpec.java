package io.edgesec.bundles.internal;

import java.util.Locale;
import java.util.Map;
import org.osgi.framework.Version;

/**
 * One desired entry of the bundles section, checked: {@code "<symbolicName>": {"version",
 * "location", "sha256"}}. Parsing refuses what is not an entry at all (nothing is fetched for it).
 *
 * @param version null when the entry names none (then any version of the jar is accepted)
 */
record BundleSpec(String bsn, String version, String location, String sha256) {
    /** Longest symbolic name accepted (a twin key is at most 1 KB; a bundle name is far shorter). */
    static final int MAX_NAME = 255;

    /** @return what identifies this entry for retries and refusals: a changed entry is tried at once */
    String key() {
        return sha256 + " " + location + " " + version;
    }

    /** @throws Refusal naming what is wrong with the entry */
    static BundleSpec parse(String bsn, Object value) throws Refusal {
        if (!(value instanceof Map<?, ?> m)) {
            throw new Refusal("expected {\"version\", \"location\", \"sha256\"}");
        }
        if (bsn.length() > MAX_NAME) {
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
        return new BundleSpec(bsn, version, location.trim(), digest.trim().toLowerCase(Locale.ROOT));
    }
}
