package io.edgesec.collector.audit.internal.pipeline;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.event.SecurityEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers a pipeline's events and hands them to the sink with one {@link EventSink#submitAll}
 * per batch (the aggregator journals a batch in one write). One per pipeline, used by its
 * thread only. A full buffer is handed on early, so memory stays bounded on a backlog.
 */
public final class SinkBatches implements EventOutput {
    static final int MAX_BATCH = 512;

    private final EventSink sink;
    private final List<SecurityEvent> buffer = new ArrayList<>();

    public SinkBatches(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void event(SecurityEvent e) {
        buffer.add(e);
        if (buffer.size() >= MAX_BATCH) {
            endOfBatch();
        }
    }

    @Override
    public void endOfBatch() {
        if (buffer.isEmpty()) {
            return;
        }
        try {
            sink.submitAll(buffer); // what it drops, it counts
        } finally {
            buffer.clear();
        }
    }
}
