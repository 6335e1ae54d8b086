package io.edgesec.api.event;

/**
 * The {@code Category} of the message schema. {@code Aggregated} is not in the published
 * schema's enum, but the Azure agents sent it and the back end accepts it.
 */
public enum EventCategory {
    /** A snapshot taken on a schedule; may be empty. */
    PERIODIC("Periodic"),
    /** Something that happened; never empty. */
    TRIGGERED("Triggered"),
    /** Identical triggered events folded into one with a hit count. */
    AGGREGATED("Aggregated");

    private final String wireName;

    EventCategory(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
