package io.edgesec.transport.edgehub.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.logging.Logger;

/** ISO-8601 durations of this bundle's configuration. */
final class Durations {
    private static final Logger LOG = Logger.getLogger(Durations.class.getName());

    private Durations() {
    }

    /** @return the duration, or {@code fallback} when it is blank or not ISO-8601 (said in the log) */
    static Duration parse(String iso, Duration fallback) {
        try {
            return iso == null || iso.isBlank() ? fallback : Duration.parse(iso.trim());
        } catch (DateTimeParseException e) {
            LOG.warning("'" + iso + "' is not an ISO-8601 duration; using " + fallback);
            return fallback;
        }
    }
}
