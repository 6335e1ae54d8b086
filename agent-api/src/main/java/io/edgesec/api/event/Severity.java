package io.edgesec.api.event;

/**
 * How serious a collector's status report is: the {@code Severity} of the Diagnostic event the
 * aggregator sends for it (the values of the message schema's Diagnostic event).
 *
 * @since 1.1
 */
public enum Severity {
    /** The collector cannot work at all (e.g. it stopped). */
    FATAL("Fatal"),
    /** Events are being missed (the source is gone, records were lost). */
    ERROR("Error"),
    /** Something is wrong but events still flow (a record could not be read, a rule is missing). */
    WARNING("Warning"),
    /** For the record (the source is back, a recovery). */
    INFORMATION("Information"),
    DEBUG("Debug");

    private final String wireName;

    Severity(String wireName) {
        this.wireName = wireName;
    }

    /** @return the value as the schema spells it, e.g. {@code Information} */
    public String wireName() {
        return wireName;
    }

    /** @return the severity the schema spells {@code value}, or null if it is none of them */
    public static Severity fromWireName(String value) {
        for (Severity s : values()) {
            if (s.wireName.equals(value)) {
                return s;
            }
        }
        return null;
    }
}
