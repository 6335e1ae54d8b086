package io.edgesec.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The embedded bundles unpacked into a directory once (at image build: {@code edgesec
 * unpack-bundles DIR}), so that each start installs them by reference ({@code reference:file:}):
 * the framework then neither copies the 14 MB of bundle jars into its cache nor extracts their
 * embedded libraries there, at every start, as it does for bundles installed from the launcher
 * jar. The directory's {@value #INDEX} names the bundles it was made from (name, size, CRC-32 of
 * each as stored in the launcher jar); a launcher whose bundles differ (another jar copied in,
 * a bundle added or changed) ignores the directory and installs from its jar as before.
 */
final class UnpackedBundles {
    private static final Logger LOG = Logger.getLogger(UnpackedBundles.class.getName());
    static final String INDEX = "bundles.index";
    /** The system property naming the directory (the image's start script sets it). */
    static final String PROPERTY = "edgesec.bundles.dir";

    private UnpackedBundles() {
    }

    /**
     * @return the entries, each with a reference location into {@code dir} when {@code dir} was
     *         unpacked from exactly these bundles; otherwise the entries unchanged (and why, logged)
     */
    static List<EmbeddedBundles.Entry> use(List<EmbeddedBundles.Entry> entries, Path dir) throws IOException {
        Path index = dir.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            LOG.warning("no " + index + ": bundles are installed from the launcher jar");
            return entries;
        }
        if (!Files.readString(index, StandardCharsets.UTF_8).equals(index(entries))) {
            LOG.warning(dir + " was unpacked from other bundles than this launcher's: they are installed from the launcher jar");
            return entries;
        }
        List<EmbeddedBundles.Entry> out = new ArrayList<>(entries.size());
        for (EmbeddedBundles.Entry e : entries) {
            String location = "reference:" + dir.resolve(e.name()).toUri();
            out.add(new EmbeddedBundles.Entry() {
                public String name() {
                    return e.name();
                }

                public InputStream open() throws IOException {
                    return e.open();
                }

                @Override
                public long size() throws IOException {
                    return e.size();
                }

                @Override
                public long crc() throws IOException {
                    return e.crc();
                }

                @Override
                public String referenceLocation() {
                    return location;
                }
            });
        }
        return out;
    }

    /** One line per bundle: name, size and CRC-32 (from the launcher jar's directory: nothing is read). */
    static String index(List<EmbeddedBundles.Entry> entries) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (EmbeddedBundles.Entry e : entries) {
            sb.append(e.name()).append(' ').append(e.size()).append(' ').append(Long.toHexString(e.crc())).append('\n');
        }
        return sb.toString();
    }

    /** Unpacks every entry into {@code dir}/name/ and writes the index last (a half-made directory has none). */
    static void unpack(List<EmbeddedBundles.Entry> entries, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(INDEX));
        for (EmbeddedBundles.Entry e : entries) {
            Path root = dir.resolve(e.name()).toAbsolutePath().normalize();
            if (Files.exists(root)) {
                throw new IOException(root + " exists: unpack into an empty directory");
            }
            Files.createDirectories(root);
            try (ZipInputStream zip = new ZipInputStream(e.open())) {
                for (ZipEntry z; (z = zip.getNextEntry()) != null;) {
                    Path target = root.resolve(z.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new IOException(e.name() + ": entry " + z.getName() + " points outside the bundle");
                    }
                    if (z.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target);
                    }
                }
            }
        }
        Files.writeString(dir.resolve(INDEX), index(entries), StandardCharsets.UTF_8);
    }
}
