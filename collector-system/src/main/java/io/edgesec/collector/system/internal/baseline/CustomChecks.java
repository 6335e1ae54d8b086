package io.edgesec.collector.system.internal.baseline;

import io.edgesec.collector.system.internal.host.HostRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The twin's custom checks ({@code baselineCustomChecksFilePath}, {@code ...FileHash}): the file
 * is read from the device (under the host root), bounded in size, and used only if its SHA-256
 * equals the hash the twin gives; otherwise it is refused as a whole with the reason.
 */
public final class CustomChecks {
    private CustomChecks() {
    }

    /** The file was refused; the built-in checks still run. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    public static List<Check> load(HostRoot root, String devicePath, String sha256Hex) throws Refused {
        if (devicePath == null || devicePath.isBlank()) {
            throw new Refused("baselineCustomChecksEnabled is true but baselineCustomChecksFilePath is empty");
        }
        String want = sha256Hex == null ? "" : sha256Hex.trim().toLowerCase(Locale.ROOT);
        if (!want.matches("[0-9a-f]{64}")) {
            throw new Refused("baselineCustomChecksFileHash is not a SHA-256 in hex (64 hex digits)");
        }
        Path p = root.resolve(devicePath);
        byte[] bytes;
        try {
            // the path comes from the twin: a FIFO or device would block the collector in open/read
            if (!Files.isRegularFile(p)) {
                throw new Refused("custom checks file " + devicePath + " is not a regular file");
            }
            if (Files.size(p) > CheckCatalogue.MAX_BYTES) {
                throw new Refused("custom checks file " + devicePath + " is larger than " + CheckCatalogue.MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new Refused("custom checks file " + devicePath + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        String got = sha256(bytes);
        if (!got.equals(want)) {
            // the file's own digest is not named: the path comes from the twin, and the digest of
            // an arbitrary device file (/etc/shadow) is not the twin writer's to learn
            throw new Refused("custom checks file " + devicePath + " refused: its SHA-256 is not the twin's " + want);
        }
        try {
            return CheckCatalogue.parse(new String(bytes, StandardCharsets.UTF_8), "custom");
        } catch (CheckCatalogue.CatalogueException e) {
            throw new Refused("custom checks file " + devicePath + ": " + e.getMessage());
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
