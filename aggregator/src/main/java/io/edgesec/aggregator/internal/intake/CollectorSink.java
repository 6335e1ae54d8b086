package io.edgesec.aggregator.internal.intake;

import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.journal.Spool;
import io.edgesec.api.collector.EventSink;
import io.edgesec.api.event.SecurityEvent;
import java.util.List;

/**
 * The sink one triggered collector pushes to: its own quota, so a flooding collector loses its
 * own excess (counted) instead of pushing everyone else's events out of the cache.
 */
public final class CollectorSink implements EventSink {
    private final String collector;
    private final EventIntake intake;
    private final TokenBucket quota;
    private volatile boolean open = true;

    public CollectorSink(String collector, EventIntake intake, Settings s) {
        this.collector = collector;
        this.intake = intake;
        this.quota = new TokenBucket(s.collectorRatePerSecond, s.collectorBurst, System.nanoTime());
    }

    @Override
    public boolean submit(SecurityEvent event) {
        if (event == null) {
            return false;
        }
        if (!open || !quota.tryTake(System.nanoTime())) {
            intake.refusedByQuota(event, collector);
            intake.health().dropped(collector);
            return false;
        }
        boolean accepted = intake.accept(event);
        if (accepted) {
            // a collector's report about itself is not a success of its own
            intake.health().accepted(collector, io.edgesec.api.event.EventNames.COLLECTOR_STATUS.equals(event.name())
                    ? null : java.time.Instant.now());
        } else {
            intake.health().dropped(collector);
        }
        return accepted;
    }

    @Override
    public int submitAll(List<SecurityEvent> events) {
        int queued = 0;
        try (Spool.Batch b = intake.batch()) {
            for (SecurityEvent e : events) {
                if (submit(e)) {
                    queued++;
                }
            }
        }
        return queued;
    }

    /** The quota settings changed: they apply to this collector from now on. */
    public void quota(Settings s) {
        quota.configure(s.collectorRatePerSecond, s.collectorBurst, System.nanoTime());
    }

    void close() {
        open = false;
    }
}
