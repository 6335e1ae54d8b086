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

    /** @return the definition, or null if no installed bundle declares the PID */
    ObjectClassDefinition find(String pid) {
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            MetaTypeInformation info = metaType.getMetaTypeInformation(b);
            if (info != null && (Arrays.asList(info.getPids()).contains(pid)
                    || Arrays.asList(info.getFactoryPids()).contains(pid))) {
                return info.getObjectClassDefinition(pid, null);
            }
        }
        return null;
    }
}
