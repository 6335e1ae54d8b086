package io.edgesec.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The bundles packed into edgesec.jar under {@code edgesec-bundles/} (or the classes folder of
 * a development build). One jar carries the whole agent, so it runs the same anywhere.
 */
final class EmbeddedBundles {
    static final String PREFIX = "edgesec-bundles/";

    /** A bundle jar: its name and a way to open it. */
    interface Entry {
        String name();

        InputStream open() throws IOException;

        /** Its size in bytes (for {@link UnpackedBundles#index}). */
        default long size() throws IOException {
            try (InputStream in = open()) {
                return in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }

        /** Its CRC-32 (for {@link UnpackedBundles#index}). */
        default long crc() throws IOException {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            try (InputStream in = new java.util.zip.CheckedInputStream(open(), crc)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return crc.getValue();
        }

        /** A {@code reference:} location to install it from instead of {@link #open()}, or null. */
        default String referenceLocation() {
            return null;
        }

        default Manifest manifest() throws IOException {
            try (JarInputStream in = new JarInputStream(open())) {
                return in.getManifest();
            }
        }
    }

    private EmbeddedBundles() {
    }

    static List<Entry> list() throws IOException {
        Path self;
        try {
            self = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the launcher jar: " + e.getMessage());
        }
        List<Entry> out = new ArrayList<>();
        if (Files.isDirectory(self)) {
            Path dir = self.resolve(PREFIX);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> out.add(new Entry() {
                        public String name() {
                            return p.getFileName().toString();
                        }

                        public InputStream open() throws IOException {
                            return Files.newInputStream(p);
                        }
                    }));
                }
            }
            return out;
        }
        try (JarFile jar = new JarFile(self.toFile())) {
            List<JarEntry> found = new ArrayList<>();
            for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements();) {
                JarEntry je = en.nextElement();
                if (je.getName().startsWith(PREFIX) && je.getName().endsWith(".jar")) {
                    found.add(je);
                }
            }
            found.sort(java.util.Comparator.comparing(JarEntry::getName));
            for (JarEntry je : found) {
                String n = je.getName();
                long size = je.getSize();
                long crc = je.getCrc();
                out.add(new Entry() {
                    public String name() {
                        return n.substring(PREFIX.length());
                    }

                    // from the jar's central directory: nothing is inflated
                    @Override
                    public long size() {
                        return size;
                    }

                    @Override
                    public long crc() {
                        return crc;
                    }

                    public InputStream open() throws IOException {
                        JarFile j = new JarFile(self.toFile());
                        InputStream in = j.getInputStream(j.getJarEntry(n));
                        return new java.io.FilterInputStream(in) {
                            @Override
                            public void close() throws IOException {
                                super.close();
                                j.close();
                            }
                        };
                    }
                });
            }
        }
        return out;
    }
}
