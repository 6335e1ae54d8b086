package io.edgesec.aggregator.internal;

/** The three event queues; names as they appear in DroppedEventsStatistics. */
enum QueueKind {
    HIGH("High"),
    LOW("Low"),
    OPERATIONAL("Operational");

    final String wireName;

    QueueKind(String wireName) {
        this.wireName = wireName;
    }
}
