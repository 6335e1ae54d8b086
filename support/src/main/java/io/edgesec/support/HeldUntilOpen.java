package io.edgesec.support;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a triggered collector of this bundle raises before the aggregator takes it (the
 * twin is read while the agent starts): held, at most {@code max} of them, and handed over when
 * the aggregator opens the collector. What did not fit is counted, and the count is handed over
 * too, as a collector status, so nothing disappears silently.
 */
public final class HeldUntilOpen {
    private final String collector;
    private final int max;
    private final List<SecurityEvent> held = new ArrayList<>();
    private EventSink sink;
    private long dropped;

    public HeldUntilOpen(String collector, int max) {
        this.collector = collector;
        this.max = max;
    }

    public void submit(SecurityEvent e) {
        EventSink s;
        synchronized (held) {
            s = sink;
            if (s == null) {
                if (held.size() < max) {
                    held.add(e);
                } else {
                    dropped++;
                }
                return;
            }
        }
        s.submit(e);
    }

    public void open(EventSink eventSink) {
        synchronized (held) {
            sink = eventSink;
            held.forEach(eventSink::submit);
            held.clear();
            if (dropped > 0) {
                eventSink.submit(CollectorStatus.of(collector, "EventsDroppedBeforeStart", Severity.WARNING,
                        dropped + " events raised before the aggregator started did not fit the " + max + " held"));
                dropped = 0;
            }
        }
    }

    public void close() {
        synchronized (held) {
            sink = null;
        }
    }

    /** @return events counted as dropped and not yet handed over */
    public long dropped() {
        synchronized (held) {
            return dropped;
        }
    }
}
