package io.edgesec.transport.edgehub.internal;

import java.util.Map;

/** What the twin bridge needs from the bundle reconciler. */
interface BundleManager {
    /**
     * Makes the installed set match {@code desired} (symbolic name to
     * {@code {"version", "location", "sha256"}}; an absent or null entry means not installed).
     *
     * @return the state of every bundle it manages or was asked about; a bundle it removed maps
     *         to null (so that a reported-properties patch deletes it); null if no reconciler
     *         is available right now
     */
    Map<String, Object> reconcile(Map<String, Object> desired);

    /** @return the state of every bundle it manages now; null if no reconciler is available */
    Map<String, Object> states();

    /** @return when the earliest failed entry is due for its retry; null if none waits */
    default java.time.Instant nextRetry() {
        return null;
    }
}
