package io.edgesec.api.event;

/** The {@code EventType} of the message schema. */
public enum EventType {
    SECURITY("Security"),
    OPERATIONAL("Operational"),
    DIAGNOSTIC("Diagnostic");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** @return the value as it appears in a message */
    public String wireName() {
        return wireName;
    }
}
