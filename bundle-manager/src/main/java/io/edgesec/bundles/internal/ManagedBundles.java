package io.edgesec.bundles.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The framework side: bundles this manager installed carry the location
 * {@code edgesec-twin:<symbolicName>}, and only those are ever updated or uninstalled by it; a
 * symbolic name taken by any other bundle is somebody else's.
 */
final class ManagedBundles {
    private static final Logger LOG = Logger.getLogger(ManagedBundles.class.getName());
    static final String LOCATION_PREFIX = "edgesec-twin:";

    private final BundleContext context;

    ManagedBundles(BundleContext context) {
        this.context = context;
    }

    /** @return the bundle this manager installed for the name, or null */
    Bundle managed(String bsn) {
        Bundle b = context.getBundle(LOCATION_PREFIX + bsn);
        return b == null || b.getState() == Bundle.UNINSTALLED ? null : b;
    }

    /** @return a bundle of that name that this manager did not install, or null */
    Bundle unmanaged(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName()) && !(LOCATION_PREFIX + bsn).equals(b.getLocation())) {
                return b;
            }
        }
        return null;
    }

    /** Installs {@code jar} for the name, or updates the bundle already installed for it. */
    Bundle installOrUpdate(String bsn, Bundle current, Path jar) throws IOException, BundleException {
        try (InputStream in = Files.newInputStream(jar)) {
            if (current == null) {
                return context.installBundle(LOCATION_PREFIX + bsn, in);
            }
            current.update(in);
            return current;
        }
    }

    static String nameOf(Bundle managed) {
        return managed.getLocation().substring(LOCATION_PREFIX.length());
    }

    /**
     * Refreshes the wiring of the updated and uninstalled bundles whose old revision is still in
     * use (another bundle is wired to a package it exports), with their dependents, waiting for
     * it; the others are left alone. Felix replaces the revision of a bundle nobody is wired to
     * within {@code update} itself (and restarts it there, if it was active): refreshing it again
     * stopped and started the new version a second time, a second pause in its events that,
     * when it came before the new version's first event, doubled the hot-swap gap.
     *
     * @return the bundles refreshed (none when no old revision is in use)
     */
    Set<Bundle> refresh(Set<Bundle> changed) {
        if (changed.isEmpty()) {
            return Set.of();
        }
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        Set<Bundle> stale = new LinkedHashSet<>(changed);
        stale.retainAll(wiring.getRemovalPendingBundles());
        if (stale.isEmpty()) {
            return Set.of();
        }
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(stale, event -> done.countDown());
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                LOG.warning("refreshing the wiring took longer than 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stale;
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
