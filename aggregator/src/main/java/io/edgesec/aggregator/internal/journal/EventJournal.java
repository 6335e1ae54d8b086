package io.edgesec.aggregator.internal.journal;

import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.api.event.SecurityEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The write-ahead journal that makes the queues durable: every event accepted into a queue is
 * written before {@code submit} returns (so a SIGKILL loses nothing the OS has), and every
 * event delivered or evicted is written as removed. On start the journal is replayed and the
 * live events return to their queues in their order.
 *
 * <p>Records are {@code [length][CRC-32][type][body]}; a torn write (the last record of a
 * crashed process) or a damaged record fails its checksum and ends the replay of that file,
 * counted, never fatal. The journal is rewritten with only the live events at start and
 * whenever it grows past a few times the cache budget, so its size stays bounded by
 * {@code maxLocalCacheSizeInBytes}.
 *
 * <p>The parts: {@link JournalFiles} (the files and the framing), {@link JournalRecords} (the
 * record types and their encoding), {@link JournalReplay} (reading a previous run back) and
 * {@link DropCounts} (drops not yet reported, kept across a crash).
 */
public final class EventJournal implements AutoCloseable {
    /** A live event and its queue. */
    public record Entry(QueueKind kind, SecurityEvent event) {
    }

    /**
     * What a replay found: queued events, and what aggregation held (raw events to aggregate
     * again, partial aggregates to send as they are).
     */
    public record Recovery(List<Entry> live, List<Held> held, long damagedRecords, long unreadableEvents, DropCounts drops) {
    }

    /**
     * An event aggregation holds, with its window generation; {@code partial}: an aggregate
     * with its hit count so far (send as is) rather than a raw event (aggregate again).
     * {@code moreHits}: hits of a raw event's payload journaled after it (HIT records), with the
     * first and last time among them; 0 and null if none.
     */
    public record Held(long generation, SecurityEvent event, boolean partial, long moreHits, Instant firstHit, Instant lastHit) {
        public Held(long generation, SecurityEvent event, boolean partial) {
            this(generation, event, partial, 0, null, null);
        }
    }

    private final Path dir;
    private FileChannel lockChannel;
    private java.nio.channels.FileLock lock;
    private long sequence;
    private FileChannel channel;
    private long size;
    private boolean dirty;
    /** Drops since the last STATISTICS record (what a rewrite must carry over). */
    private DropCounts drops = new DropCounts();
    /** Drops taken into a statistics event whose ADD has not been written yet, by its id. */
    private final Map<String, DropCounts> awaitingStatistics = new LinkedHashMap<>();
    /** The thread whose records are gathered in {@link #pending} (see {@link #begin()}), or null. */
    private Thread batchOwner;
    private ByteBuffer pending = ByteBuffer.allocate(64 * 1024);
    private static final int MAX_PENDING = 1 << 20;

    private EventJournal(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens the journal in {@code dir}, replays what a previous run left, and starts a fresh,
     * compacted file holding only the live events.
     */
    public static EventJournal open(Path dir, Recovery[] recovered) throws IOException {
        Files.createDirectories(dir);
        EventJournal j = new EventJournal(dir);
        // One writer per spool: a second agent on the same data directory would interleave its
        // records with ours and each would replay the other's events.
        j.lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            j.lock = j.lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            j.lock = null;
        }
        if (j.lock == null) {
            j.lockChannel.close();
            throw new IOException("the spool " + dir + " is in use by another agent");
        }
        List<Path> files = JournalFiles.files(dir);
        JournalReplay r = new JournalReplay();
        for (Path f : files) {
            r.replay(f);
            j.sequence = Math.max(j.sequence, JournalFiles.sequenceOf(f));
        }
        List<Entry> entries = new ArrayList<>(r.live.values());
        List<Held> held = r.heldWithHits();
        DropCounts drops = r.drops;
        r.awaitingAdd.forEach((id, counts) -> drops.addAll(counts)); // their statistics event was never queued
        drops.add(QueueKind.LOW, r.damaged + r.unreadable, null); // unknown queue: counted where most events go
        j.drops = drops;
        // The fresh file keeps the recovered aggregation state until the caller has queued it
        // and closed those windows (windowClosed), and the drop counts until they are reported,
        // so a crash in between loses nothing.
        j.rewrite(entries, held, files);
        DropCounts copy = new DropCounts();
        copy.addAll(drops);
        recovered[0] = new Recovery(entries, held, r.damaged, r.unreadable, copy);
        return j;
    }

    /**
     * Starts gathering the calling thread's records in memory, to be written in one system call
     * by {@link #end()}: a collector hands over a chunk of events with one write instead of one
     * per event. Records of any other thread meanwhile first write what was gathered, then
     * their own, so the file keeps the order of the calls and nobody else's record waits.
     *
     * @return false if another thread's batch is open (this thread's records are written at once)
     */
    synchronized boolean begin() {
        if (batchOwner != null) {
            return false;
        }
        batchOwner = Thread.currentThread();
        return true;
    }

    /** Ends the batch {@link #begin()} opened: what it gathered is written before this returns. */
    synchronized void end() throws IOException {
        if (batchOwner == Thread.currentThread()) {
            batchOwner = null;
            writePending();
        }
    }

    /** Ends the calling thread's batch, if it still has one, dropping what it gathered (the spool failed). */
    synchronized void abandon() {
        if (batchOwner == Thread.currentThread()) {
            batchOwner = null;
            pending.clear();
        }
    }

    /** Writes a record, or gathers it in the calling thread's batch; either way it needs a force. */
    private void append(byte[] record) throws IOException {
        dirty = true;
        if (batchOwner != Thread.currentThread()) {
            writePending();
            size += JournalFiles.write(channel, record);
            return;
        }
        int need = 8 + record.length;
        if (pending.remaining() < need) {
            if (pending.position() + need > MAX_PENDING) {
                writePending(); // bounded memory: a huge batch is written in parts
            }
            if (pending.remaining() < need) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + need));
                pending.flip();
                pending = bigger.put(pending);
            }
        }
        JournalFiles.frame(record, pending);
        size += need;
    }

    private void writePending() throws IOException {
        if (pending.position() == 0) {
            return;
        }
        pending.flip();
        try {
            while (pending.hasRemaining()) {
                channel.write(pending);
            }
        } finally {
            pending.clear();
        }
        if (pending.capacity() > 64 * 1024) {
            pending = ByteBuffer.allocate(64 * 1024); // a burst does not keep its buffer
        }
    }

    /** Writes the live state to a new file, makes it durable, then drops the older files. */
    synchronized void rewrite(List<Entry> entries, List<Held> partials, List<Path> older) throws IOException {
        if (channel != null) {
            writePending(); // gathered records belong before the snapshot (they are in it, too)
        }
        Path next = JournalFiles.file(dir, ++sequence);
        FileChannel ch = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        long written = 0;
        for (Entry e : entries) {
            written += JournalFiles.write(ch, JournalRecords.addRecord(e.kind(), e.event()));
        }
        for (Map.Entry<String, DropCounts> a : awaitingStatistics.entrySet()) {
            for (byte[] d : a.getValue().records()) {
                written += JournalFiles.write(ch, d);
            }
            written += JournalFiles.write(ch, JournalRecords.statisticsRecord(a.getKey()));
        }
        for (byte[] d : drops.records()) {
            written += JournalFiles.write(ch, d);
        }
        for (Held h : partials) {
            byte type = h.partial() ? JournalRecords.PARTIAL : JournalRecords.AGGREGATING;
            written += JournalFiles.write(ch, JournalRecords.heldRecord(type, h.generation(), h.event()));
            if (h.moreHits() > 0) {
                written += JournalFiles.write(ch,
                        JournalRecords.hitRecord(h.generation(), h.event().id(), h.moreHits(), h.firstHit(), h.lastHit()));
            }
        }
        ch.force(true);
        if (channel != null) {
            channel.close();
        }
        channel = ch;
        size = written;
        dirty = false;
        for (Path p : older) {
            Files.deleteIfExists(p);
        }
    }

    /**
     * Rewrites the journal from the current state (called with the queues and aggregation
     * locked): queued events, and one partial aggregate per distinct held payload.
     */
    synchronized void compact(List<Entry> entries, List<Held> partials) throws IOException {
        List<Path> older = JournalFiles.files(dir);
        older.removeIf(p -> JournalFiles.sequenceOf(p) == sequence + 1);
        rewrite(entries, partials, older);
    }

    /** An event went into aggregation window {@code generation}. */
    synchronized void aggregating(long generation, SecurityEvent e) throws IOException {
        append(JournalRecords.heldRecord(JournalRecords.AGGREGATING, generation, e));
    }

    /**
     * One more hit, at {@code time}, of the payload of the event {@code journaledId} that
     * {@link #aggregating} wrote in window {@code generation}.
     */
    synchronized void hit(long generation, String journaledId, Instant time) throws IOException {
        append(JournalRecords.hitRecord(generation, journaledId, 1, time, time));
    }

    /** Window {@code generation} of {@code name} was emitted: what it held is in the queues now. */
    synchronized void windowClosed(String name, long generation) throws IOException {
        append(JournalRecords.windowClosedRecord(name, generation));
    }

    synchronized long size() {
        return size;
    }

    synchronized void added(QueueKind kind, SecurityEvent e) throws IOException {
        append(JournalRecords.addRecord(kind, e));
        if (!awaitingStatistics.isEmpty()) {
            awaitingStatistics.remove(e.id());
        }
    }

    synchronized void removed(Collection<SecurityEvent> events) throws IOException {
        if (events.isEmpty()) {
            return;
        }
        append(JournalRecords.removeRecord(events));
    }

    /** An event left queue {@code kind} undelivered, to make room: removed and counted as dropped. */
    synchronized void evicted(QueueKind kind, SecurityEvent e) throws IOException {
        append(JournalRecords.evictedRecord(kind, e));
        drops.add(kind, 1, null);
    }

    /** An event for queue {@code kind} was refused; {@code collector} if its quota did it, else null. */
    synchronized void dropped(QueueKind kind, String collector) throws IOException {
        append(JournalRecords.droppedRecord(kind, 1, collector == null ? "" : collector));
        drops.add(kind, 1, collector);
    }

    /** Observer {@code observer}'s hand-over refused an event (the event itself went on). */
    synchronized void observerDropped(String observer) throws IOException {
        append(JournalRecords.observerRecord(observer, 1));
        drops.observer.merge(observer, 1L, Long::sum);
    }

    /** The drops counted so far went into the DroppedEventsStatistics event {@code eventId}. */
    synchronized void statisticsTaken(String eventId) throws IOException {
        append(JournalRecords.statisticsRecord(eventId));
        awaitingStatistics.put(eventId, drops);
        drops = new DropCounts();
    }

    /** Makes what was written durable across power loss (a process kill loses nothing written). */
    synchronized void force() throws IOException {
        writePending();
        if (dirty) {
            channel.force(false);
            dirty = false;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            force(); // writes what a batch gathered, too
            channel.close();
            channel = null;
        }
        if (lockChannel != null) {
            lockChannel.close(); // releases the lock
            lockChannel = null;
        }
    }
}
