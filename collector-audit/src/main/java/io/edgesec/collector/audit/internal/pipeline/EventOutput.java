package io.edgesec.collector.audit.internal.pipeline;

import io.edgesec.api.event.SecurityEvent;

/** Where a pipeline's security events go. */
@FunctionalInterface
public interface EventOutput {
    void event(SecurityEvent e);

    /**
     * The pipeline has nothing more for now (the end of a chunk read from the source, a flush):
     * hand on whatever was buffered. A source saves its position only after this returned.
     */
    default void endOfBatch() {
    }
}
