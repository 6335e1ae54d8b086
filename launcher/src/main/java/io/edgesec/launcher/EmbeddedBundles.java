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
            List<String> names = new ArrayList<>();
            for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements();) {
                String n = en.nextElement().getName();
                if (n.startsWith(PREFIX) && n.endsWith(".jar")) {
                    names.add(n);
                }
            }
            names.sort(null);
            for (String n : names) {
                out.add(new Entry() {
                    public String name() {
                        return n.substring(PREFIX.length());
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
