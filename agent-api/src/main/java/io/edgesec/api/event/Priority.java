package io.edgesec.api.event;

import java.util.Locale;

/** The priority of an event kind: which queue it goes to, or {@code OFF} to not collect it. */
public enum Priority {
    HIGH("High"),
    LOW("Low"),
    OFF("Off");

    private final String wireName;

    Priority(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * Parses {@code High}, {@code Low} or {@code Off}, ignoring case as the Azure C agent did.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Priority parse(String value) {
        if (value != null) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "high":
                    return HIGH;
                case "low":
                    return LOW;
                case "off":
                    return OFF;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a priority (High, Low or Off)");
    }
}
