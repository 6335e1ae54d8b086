package io.edgesec.aggregator.internal;

import io.edgesec.aggregator.internal.aggregation.EventAggregation;
import io.edgesec.aggregator.internal.config.AggregatorConfig;
import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.intake.EventIntake;
import io.edgesec.aggregator.internal.journal.EventJournal;
import io.edgesec.aggregator.internal.journal.Spool;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.report.OperationalEvents;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;

/**
 * The disk spool over the aggregator's life: opened at start with what a previous run left put
 * back ({@link SpoolRecovery}), made durable about once a second, and rewritten (compacted)
 * when it outgrows a few cache budgets.
 */
final class SpoolUpkeep {
    private final Spool spool;
    private final EventQueues queues;
    private final EventAggregation aggregation;
    private volatile Instant lastForce = Instant.now();

    private SpoolUpkeep(Spool spool, EventQueues queues, EventAggregation aggregation) {
        this.spool = spool;
        this.queues = queues;
        this.aggregation = aggregation;
    }

    /**
     * Opens the journal and puts back what a previous run left: queued events into their
     * queues, held aggregation state into aggregation (raw) or the queues (partial aggregates).
     *
     * @param report where a later failure of the spool is reported
     * @param reports gets the report of a spool that cannot be opened, or of what was recovered
     * @return null when the queues are memory-only
     */
    static SpoolUpkeep open(BundleContext context, AggregatorConfig config, Settings s, EventQueues queues,
            EventAggregation aggregation, EventIntake intake, Consumer<SecurityEvent> report, List<SecurityEvent> reports) {
        if (!config.durableQueue()) {
            return null;
        }
        String dir = config.spoolDirectory();
        if (dir.isBlank()) {
            String data = context.getProperty("edgesec.data.dir");
            if (data == null) {
                return null; // no data directory given: memory only
            }
            dir = java.nio.file.Path.of(data, "spool").toString();
        }
        EventJournal.Recovery[] recovered = new EventJournal.Recovery[1];
        EventJournal journal;
        try {
            journal = EventJournal.open(java.nio.file.Path.of(dir), recovered);
        } catch (java.io.IOException | RuntimeException e) {
            reports.add(OperationalEvents.collectorStatus("spool", "Error", Severity.ERROR,
                    "cannot open the disk spool in " + dir + ", queues are memory-only: " + e, Instant.now()));
            return null;
        }
        Spool sp = new Spool(journal, msg -> report.accept(OperationalEvents.collectorStatus("spool", "Error", Severity.ERROR, msg,
                Instant.now())));
        SpoolRecovery.restore(recovered[0], sp, s, queues, aggregation, intake).ifPresent(reports::add);
        SpoolUpkeep upkeep = new SpoolUpkeep(sp, queues, aggregation);
        upkeep.compact();
        return upkeep;
    }

    Spool spool() {
        return spool;
    }

    /** fsync about once a second; rewrite the journal when it outgrows a few cache budgets. */
    void maintain(Instant now, Settings s) {
        if (!now.isBefore(lastForce.plusSeconds(1))) {
            lastForce = now;
            spool.force();
        }
        if (spool.size() > Math.max(4L * s.maxCacheBytes, 4L << 20)) {
            compact();
        }
    }

    private void compact() {
        // lock order: aggregation, then queues (as everywhere else)
        synchronized (aggregation) {
            synchronized (queues) {
                spool.compact(queues.snapshot(), aggregation.partials());
                aggregation.journalRewritten();
            }
        }
    }
}
