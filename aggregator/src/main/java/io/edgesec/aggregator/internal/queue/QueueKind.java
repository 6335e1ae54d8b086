package io.edgesec.aggregator.internal.queue;

/** The three event queues; names as they appear in DroppedEventsStatistics. */
public enum QueueKind {
    HIGH("High"),
    LOW("Low"),
    OPERATIONAL("Operational");

    public final String wireName;

    QueueKind(String wireName) {
        this.wireName = wireName;
    }
}
