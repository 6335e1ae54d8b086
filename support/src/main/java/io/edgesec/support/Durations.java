package io.edgesec.support;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.logging.Logger;

/**
 * ISO-8601 durations of a bundle's configuration where a bad value must not stop the bundle: it
 * falls back to the default and says so. (Settings that must be refused, such as the
 * aggregator's and the detector's, check their own bounds and throw instead.)
 */
public final class Durations {
    private Durations() {
    }

    /**
     * @param log the caller's logger, so that the warning names the bundle whose setting it is
     * @return the duration, or {@code fallback} when it is blank or not ISO-8601 (said in the log)
     */
    public static Duration parse(String iso, Duration fallback, Logger log) {
        try {
            return iso == null || iso.isBlank() ? fallback : Duration.parse(iso.trim());
        } catch (DateTimeParseException e) {
            log.warning("'" + iso + "' is not an ISO-8601 duration; using " + fallback);
            return fallback;
        }
    }
}
