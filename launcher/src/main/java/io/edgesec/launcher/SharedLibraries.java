package io.edgesec.launcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.logging.Logger;

/**
 * Libraries the launcher's own class path holds and the framework exports from there (as the
 * system bundle's packages) instead of installing their embedded bundle: jackson-core, which
 * the launcher reads its configuration with before the framework starts. Installed as a bundle
 * as well, the JVM held two copies of its classes (the launcher's and the bundle's class
 * loader), and start-up loaded the bundle's ~80 classes a second time: with one copy the idle
 * agent has 0.6 MiB less metaspace outside Docker and 0.6 MiB less of its CDS archive resident
 * in the image layout (bench/RESULTS.md, 2026-12-06 idle-rss).
 *
 * <p>The embedded bundle stays in edgesec.jar: offline commands put it on their class path
 * (ToolCommands), and it is installed as before when its version is not the launcher's.
 */
final class SharedLibraries {
    private static final Logger LOG = Logger.getLogger(SharedLibraries.class.getName());

    /** Bundle-SymbolicName of jackson-core's bundle. */
    static final String JACKSON_CORE = "com.fasterxml.jackson.core.jackson-core";

    /**
     * @param install the bundles to install (the shared ones taken out)
     * @param systemPackagesExtra their packages, for {@code org.osgi.framework.system.packages.extra}
     *     (empty when none is shared)
     */
    record Split(List<EmbeddedBundles.Entry> install, String systemPackagesExtra) {
    }

    private SharedLibraries() {
    }

    /** Takes jackson-core's bundle out of {@code entries} when the launcher has the same version. */
    static Split split(List<EmbeddedBundles.Entry> entries) {
        return split(entries, JACKSON_CORE, com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString());
    }

    /** As {@link #split(List)} for a bundle of that symbolic name of which the class path has {@code classPathVersion}. */
    static Split split(List<EmbeddedBundles.Entry> entries, String symbolicName, String classPathVersion) {
        List<EmbeddedBundles.Entry> install = new ArrayList<>(entries.size());
        String exports = "";
        for (EmbeddedBundles.Entry e : entries) {
            String shared = exports.isEmpty() ? exportsIfShared(e, symbolicName, classPathVersion) : null;
            if (shared == null) {
                install.add(e);
            } else {
                exports = shared;
            }
        }
        return new Split(install, exports);
    }

    /** @return the bundle's Export-Package header if it is that library at that version, else null */
    private static String exportsIfShared(EmbeddedBundles.Entry e, String symbolicName, String classPathVersion) {
        if (!e.name().startsWith(symbolicName.substring(symbolicName.lastIndexOf('.') + 1))) {
            return null; // jackson-core-2.20.1.jar: read no other bundle's manifest
        }
        Manifest m;
        try {
            m = e.manifest();
        } catch (IOException ex) {
            return null; // installed as before, where the framework reports what is wrong with it
        }
        if (m == null) {
            return null;
        }
        Attributes a = m.getMainAttributes();
        String name = a.getValue("Bundle-SymbolicName");
        String version = a.getValue("Bundle-Version");
        String exports = a.getValue("Export-Package");
        if (name == null || !name.split(";")[0].trim().equals(symbolicName) || exports == null || exports.isBlank()) {
            return null;
        }
        if (version == null || !version.trim().equals(classPathVersion)) {
            LOG.warning("bundle " + e.name() + " is version " + version + ", the launcher's " + symbolicName + " "
                    + classPathVersion + ": installing the bundle (two copies of its classes)");
            return null;
        }
        return exports;
    }
}
