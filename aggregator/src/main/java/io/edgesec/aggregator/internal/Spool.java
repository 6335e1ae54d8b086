package io.edgesec.aggregator.internal;

import io.edgesec.api.event.SecurityEvent;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The queues' and aggregation's view of the journal. A disk failure (full, read-only) must not
 * stop the agent: it is reported once, and the agent carries on with memory-only queues.
 */
final class Spool {
    private final EventJournal journal;
    private final Consumer<String> failure;
    private volatile boolean failed;

    Spool(EventJournal journal, Consumer<String> failure) {
        this.journal = journal;
        this.failure = failure;
    }

    boolean working() {
        return !failed;
    }

    void added(QueueKind kind, SecurityEvent e) {
        if (!failed) {
            try {
                journal.added(kind, e);
            } catch (IOException ex) {
                fail(ex);
            }
        }
    }

    void removed(Collection<SecurityEvent> events) {
        if (!failed) {
            try {
                journal.removed(events);
            } catch (IOException ex) {
                fail(ex);
            }
        }
    }

    void aggregating(long generation, SecurityEvent e) {
        if (!failed) {
            try {
                journal.aggregating(generation, e);
            } catch (IOException ex) {
                fail(ex);
            }
        }
    }

    void windowClosed(String name, long generation) {
        if (!failed) {
            try {
                journal.windowClosed(name, generation);
            } catch (IOException ex) {
                fail(ex);
            }
        }
    }

    long size() {
        return journal.size();
    }

    void compact(List<EventJournal.Entry> queued, List<EventJournal.Held> held) {
        if (!failed) {
            try {
                journal.compact(queued, held);
            } catch (IOException ex) {
                fail(ex);
            }
        }
    }

    void force() {
        if (!failed) {
            try {
                journal.force();
            } catch (IOException ex) {
                fail(ex);
            }
        }
    }

    void close() {
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
