package io.edgesec.api.bundles;

import java.time.Instant;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Makes the set of managed bundles match a desired document:
 *
 * <pre>
 * {"&lt;symbolicName&gt;": {"version": "1.0.0", "location": "file:/... | https://...", "sha256": "&lt;64 hex digits&gt;"}, ...}
 * </pre>
 *
 * An entry outside the device's policy (a location outside the allowed sources, a digest that
 * does not match, a name taken by a bundle it did not install) is refused and reported; a
 * failed fetch or start is retried with back-off. Nothing refused or failed changes any other
 * entry, and a bundle already installed for a refused entry keeps running. The states it returns
 * are what a transport reports back (the twin's reported properties): per symbolic name, a map
 * with {@code state} (ACTIVE, RESOLVED, INSTALLED, UNINSTALLED, REFUSED, FAILED),
 * {@code version}, {@code sha256}, {@code location} and {@code error} (null when converged).
 *
 * <p>Thread-safe. A call may take as long as a bounded fetch (the implementation bounds it);
 * callers run it off any callback thread.
 */
@ProviderType
public interface BundleManagement {
    /** The name of the section of the {@code edgesec} configuration document that this service takes. */
    String SECTION = "bundles";

    /**
     * Makes the managed set match {@code desired} (symbolic name to entry; an absent or null
     * entry means not installed).
     *
     * @return the state of every bundle it manages or was asked about; a bundle it removed, or
     *         whose entry is gone, maps to null (so that a reported-properties patch deletes it)
     */
    Map<String, Object> reconcile(Map<String, Object> desired);

    /** @return the state of every bundle it manages now, in the shape {@link #reconcile} returns */
    Map<String, Object> states();

    /**
     * @return when the earliest failed entry is due for its retry (the caller reconciles the
     *         same document again then); null if none waits
     */
    Instant nextRetry();
}
