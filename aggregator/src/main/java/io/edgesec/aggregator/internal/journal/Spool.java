package io.edgesec.aggregator.internal.journal;

import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.api.event.SecurityEvent;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The queues' and aggregation's view of the journal. A disk failure (full, read-only) must not
 * stop the agent: it is reported once, and the agent carries on with memory-only queues.
 */
public final class Spool {
    private final EventJournal journal;
    private final Consumer<String> failure;
    private volatile boolean failed;

    public Spool(EventJournal journal, Consumer<String> failure) {
        this.journal = journal;
        this.failure = failure;
    }

    public boolean working() {
        return !failed;
    }

    public void added(QueueKind kind, SecurityEvent e) {
        guarded(() -> journal.added(kind, e));
    }

    public void removed(Collection<SecurityEvent> events) {
        guarded(() -> journal.removed(events));
    }

    public void evicted(QueueKind kind, SecurityEvent e) {
        guarded(() -> journal.evicted(kind, e));
    }

    public void dropped(QueueKind kind, String collector) {
        guarded(() -> journal.dropped(kind, collector));
    }

    public void observerDropped(String observer) {
        guarded(() -> journal.observerDropped(observer));
    }

    public void statisticsTaken(String eventId) {
        guarded(() -> journal.statisticsTaken(eventId));
    }

    public void aggregating(long generation, SecurityEvent e) {
        guarded(() -> journal.aggregating(generation, e));
    }

    public void hit(long generation, String journaledId, java.time.Instant time) {
        guarded(() -> journal.hit(generation, journaledId, time));
    }

    public void windowClosed(String name, long generation) {
        guarded(() -> journal.windowClosed(name, generation));
    }

    /**
     * Gathers the calling thread's journal records until the returned batch is closed, which
     * writes them in one go (see {@link EventJournal#begin()}).
     */
    public Batch batch() {
        boolean own = !failed && journal.begin();
        return () -> {
            if (own) {
                guarded(journal::end);
                journal.abandon(); // if the journal failed meanwhile: nothing more is written anyway
            }
        };
    }

    /** A batch of journal records; closing it writes them. */
    public interface Batch extends AutoCloseable {
        @Override
        void close();
    }

    public long size() {
        return journal.size();
    }

    public void compact(List<EventJournal.Entry> queued, List<EventJournal.Held> held) {
        guarded(() -> journal.compact(queued, held));
    }

    public void force() {
        guarded(journal::force);
    }

    /** A journal write; once one has failed, none is attempted again. */
    private interface JournalWrite {
        void run() throws IOException;
    }

    private void guarded(JournalWrite write) {
        if (!failed) {
            try {
                write.run();
            } catch (IOException ex) {
                fail(ex);
            }
        }
    }

    public void close() {
        try {
            journal.close();
        } catch (IOException ex) {
            fail(ex);
        }
    }

    private void fail(IOException e) {
        if (!failed) {
            failed = true;
            failure.accept("the disk spool failed, queues are memory-only from now on: " + e);
        }
    }
}
