package io.edgesec.configuration.internal;

import java.util.Arrays;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Finds the metatype definition of a configuration PID among the installed bundles. */
final class MetatypeLookup {
    private final BundleContext context;
    private final MetaTypeService metaType;

    MetatypeLookup(BundleContext context, MetaTypeService metaType) {
        this.context = context;
        this.metaType = metaType;
    }

    /** @return every (non-factory) PID the installed bundles declare a metatype for */
    java.util.Set<String> pids() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            MetaTypeInformation info = metaType.getMetaTypeInformation(b);
            if (info != null && info.getPids() != null) {
                out.addAll(Arrays.asList(info.getPids()));
            }
        }
        return out;
    }

    /**
     * @return the definition, or null if no installed bundle declares the PID. The bundles that
     * hold {@code OSGI-INF/metatype/<pid>.xml} are asked first: bnd names a metatype file after
     * its definition's id, which is the PID for most of the agent's, and asking a bundle makes
     * Metatype parse every metatype file it has, so a PID of the bundle installed last (the file
     * transport's, set at every start) no longer has every other bundle's metatype parsed first
     * (70-100 ms of CPU at start-up in the image: bench/RESULTS.md, startup-robust). Where no
     * such file declares it, every bundle is asked in order, as before.
     */
    ObjectClassDefinition find(String pid) {
        if (pid.matches("[A-Za-z0-9_.$-]+")) {
            for (Bundle b : context.getBundles()) {
                if (b.getState() != Bundle.UNINSTALLED && b.getEntry("OSGI-INF/metatype/" + pid + ".xml") != null) {
                    ObjectClassDefinition d = declared(b, pid);
                    if (d != null) {
                        return d;
                    }
                }
            }
        }
        for (Bundle b : context.getBundles()) {
            if (b.getState() != Bundle.UNINSTALLED) {
                ObjectClassDefinition d = declared(b, pid);
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    /** The bundle's definition of the PID (factory PIDs included), null if it declares none. */
    private ObjectClassDefinition declared(Bundle b, String pid) {
        MetaTypeInformation info = metaType.getMetaTypeInformation(b);
        if (info != null && (Arrays.asList(info.getPids()).contains(pid)
                || Arrays.asList(info.getFactoryPids()).contains(pid))) {
            return info.getObjectClassDefinition(pid, null);
        }
        return null;
    }
}
