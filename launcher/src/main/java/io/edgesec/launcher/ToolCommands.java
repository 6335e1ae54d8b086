package io.edgesec.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;

/**
 * Offline commands contributed by bundles ({@code EdgeSec-Command: name=Class} in a bundle's
 * manifest), run without a framework from a class loader over agent-api, that bundle, every
 * bundle that declares {@code EdgeSec-Command-Extension: true} (services a command finds through
 * {@link java.util.ServiceLoader} by an agent-api interface, e.g. a detector engine for
 * {@code replay}, so the command never names the bundle that provides them), and the embedded
 * bundles exporting packages those import (shared libraries such as jackson-core), as the
 * framework would wire them.
 */
final class ToolCommands {
    static final String HEADER = "EdgeSec-Command";
    static final String EXTENSION = "EdgeSec-Command-Extension";

    private final Map<String, String[]> commands = new LinkedHashMap<>(); // name -> {bundle entry, class}
    private final List<EmbeddedBundles.Entry> bundles;
    private final java.util.Set<String> extensions = new java.util.HashSet<>();
    private final Map<EmbeddedBundles.Entry, Manifest> manifests = new java.util.HashMap<>();

    ToolCommands(List<EmbeddedBundles.Entry> bundles) throws IOException {
        this.bundles = bundles;
        for (EmbeddedBundles.Entry b : bundles) {
            Manifest m = b.manifest();
            manifests.put(b, m);
            if (m != null && "true".equalsIgnoreCase(String.valueOf(m.getMainAttributes().getValue(EXTENSION)).trim())) {
                extensions.add(b.name());
            }
            String header = m == null ? null : m.getMainAttributes().getValue(HEADER);
            if (header == null) {
                continue;
            }
            for (String clause : header.split(",")) {
                int eq = clause.indexOf('=');
                if (eq > 0) {
                    commands.put(clause.substring(0, eq).trim(), new String[] {b.name(), clause.substring(eq + 1).trim()});
                }
            }
        }
    }

    Map<String, String[]> commands() {
        return commands;
    }

    boolean has(String name) {
        return commands.containsKey(name);
    }

    int run(String name, String[] args, PrintStream out, PrintStream err) throws IOException {
        String[] target = commands.get(name);
        Path dir = Files.createTempDirectory("edgesec-tool");
        try {
            List<URL> urls = new ArrayList<>();
            List<EmbeddedBundles.Entry> path = new ArrayList<>();
            for (EmbeddedBundles.Entry b : bundles) {
                if (b.name().equals(target[0]) || b.name().startsWith("agent-api") || extensions.contains(b.name())) {
                    path.add(b);
                }
            }
            addExporters(path);
            for (EmbeddedBundles.Entry b : path) {
                Path p = dir.resolve(b.name());
                try (InputStream in = b.open()) {
                    Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
                }
                urls.add(p.toUri().toURL());
            }
            // agent-api is on the launcher's class path too; a child-first view keeps the tool
            // on the bundle's own copy.
            try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
                Class<?> c = Class.forName(target[1], true, loader);
                Method run = c.getMethod("run", String[].class, PrintStream.class, PrintStream.class);
                return (Integer) run.invoke(null, args, out, err);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                err.println("edgesec " + name + ": internal error: " + cause);
                return 3;
            } catch (ReflectiveOperationException e) {
                err.println("edgesec " + name + ": cannot start the command: " + e);
                return 3;
            }
        } finally {
            try (var s = Files.list(dir)) {
                s.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Adds, until nothing changes, every bundle exporting a package that a bundle on the path imports. */
    private void addExporters(List<EmbeddedBundles.Entry> path) {
        java.util.Set<String> imported = new java.util.HashSet<>();
        for (int done = 0; done < path.size(); done++) {
            imported.addAll(PackageHeaders.imports(manifests.get(path.get(done))));
            for (EmbeddedBundles.Entry b : bundles) {
                if (!path.contains(b) && PackageHeaders.exports(manifests.get(b)).stream().anyMatch(imported::contains)) {
                    path.add(b);
                }
            }
        }
    }
}
