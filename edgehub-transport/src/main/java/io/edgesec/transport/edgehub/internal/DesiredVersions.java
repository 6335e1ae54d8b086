package io.edgesec.transport.edgehub.internal;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the desired state the twin bridge applies monotonic in the twin's {@code $version}.
 * IoT Hub numbers every desired-properties change, one up each time, and the same number is on
 * the patch it sends and on the whole document a GET returns. A GET (at every connection) can be
 * answered from before a patch that the subscription has already delivered: applied after it, the
 * older whole document would take back what the patch changed. So, per document:
 *
 * <ul>
 * <li>a whole twin at the applied version or newer replaces; an older one is ignored (stale), and
 * the twin is read again; a second older one in a row is applied after all: the
 * twin was re-created (deleted and added again, its versions start at 1 anew), or it would
 * never be applied;
 * <li>a patch one newer than the applied version is applied; one at it or older is ignored
 * (stale: a duplicate, or already in a whole twin that was applied); one that skips versions
 * (a gap: patches sent while the subscription was down are not sent again; without a way to
 * read the twin again, it is applied as it is) is not applied, and
 * the whole twin is read instead, as IoT Edge's agent does
 * ({@code EdgeAgentConnection.OnDesiredPropertiesUpdated}: anything but version + 1 refreshes);
 * <li>a patch before the first whole twin is applied (there is nothing to order it against; the
 * bridge keeps its bundles section for the whole twin);
 * <li>a document without a version is not the hub's: it is refused as a whole (the hub always
 * sends one), and the versions stay as they were.
 * </ul>
 *
 * {@link #admit} logs what it does not let through and asks for the twin again where that is
 * the answer. Not thread-safe: the bridge's one worker thread uses it.
 */
final class DesiredVersions {
    private static final Logger LOG = Logger.getLogger(DesiredVersions.class.getName());

    /** What to do with a desired document. */
    enum Order {
        APPLY, STALE, GAP, UNVERSIONED
    }

    /** asks for the whole twin again; null if the connection cannot (a gap patch is then applied as it is) */
    private final Runnable refreshTwin;

    /** the version of the state applied (or refused as a whole: nothing of it is wanted); null before any */
    private Integer applied;
    /** the last whole twin was older than the applied version */
    private boolean olderTwinBefore;
    private long stale;
    private long gaps;

    DesiredVersions(Runnable refreshTwin) {
        this.refreshTwin = refreshTwin;
    }

    /**
     * @return {@link Order#APPLY} for a document to apply, {@link Order#UNVERSIONED} for one to
     *         refuse; otherwise it was ignored (logged, counted, and the twin asked for again where
     *         that is what is missing)
     */
    Order admit(Integer version, boolean whole) {
        Integer held = applied;
        Order order = whole ? ofTwin(version) : ofPatch(version);
        String what = (whole ? "module twin document" : "desired-properties patch") + " version " + version;
        if (order == Order.STALE) {
            LOG.info(what + " is older than the applied version " + held + ": ignored" + (whole ? "; the twin is read again" : ""));
            if (whole) {
                refresh();
            }
        } else if (order == Order.GAP && refreshTwin == null) {
            LOG.warning(what + " skips versions after " + held + " and the twin cannot be read again: applied as it is");
            return Order.APPLY;
        } else if (order == Order.GAP) {
            LOG.info(what + " skips versions after " + held + ": not applied; the whole twin is read instead");
            refresh();
        }
        return order;
    }

    private void refresh() {
        try {
            refreshTwin.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "asking for the module twin again failed", e);
        }
    }

    /** @return {@code status} with the counts of documents not applied for their version (when there are any) */
    Map<String, Object> withCounts(Map<String, Object> status) {
        if (stale > 0) {
            status.put("ignoredStale", stale);
        }
        if (gaps > 0) {
            status.put("versionGaps", gaps);
        }
        return status;
    }

    Order ofTwin(Integer version) {
        if (version == null) {
            return Order.UNVERSIONED;
        }
        if (applied == null || version >= applied) {
            olderTwinBefore = false;
            return Order.APPLY;
        }
        if (olderTwinBefore) {
            olderTwinBefore = false;
            return Order.APPLY; // read again and still older: the twin was re-created
        }
        olderTwinBefore = true;
        stale++;
        return Order.STALE;
    }

    Order ofPatch(Integer version) {
        if (version == null) {
            return Order.UNVERSIONED;
        }
        if (applied == null) {
            return Order.APPLY;
        }
        if (version <= applied) {
            stale++;
            return Order.STALE;
        }
        if (version - 1L > applied) {
            gaps++;
            return Order.GAP;
        }
        return Order.APPLY;
    }

    /** The document of {@code version} was applied or refused as a whole: that is the state held now. */
    void handled(Integer version, boolean whole) {
        if (version == null) {
            return;
        }
        if (whole || applied == null || version > applied) {
            applied = version;
        }
        if (!whole) {
            olderTwinBefore = false;
        }
    }

    /** @return the version of the state held, null before any */
    Integer applied() {
        return applied;
    }

    /** @return how many documents were ignored for being older than the state held */
    long stale() {
        return stale;
    }

    /** @return how many patches skipped versions (each answered by reading the whole twin) */
    long gaps() {
        return gaps;
    }
}
