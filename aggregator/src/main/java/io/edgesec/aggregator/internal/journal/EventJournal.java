package io.edgesec.aggregator.internal.journal;

import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.api.event.SecurityEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

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
 */
public final class EventJournal implements AutoCloseable {
    private static final byte ADD = 'A';
    private static final byte REMOVE = 'R';
    /** An event held by aggregation, in window generation G. */
    private static final byte AGGREGATING = 'G';
    /** A partial aggregate (hit count so far) of generation G, written by compaction. */
    private static final byte PARTIAL = 'P';
    /** Aggregation window G of an event kind was emitted into the queues. */
    private static final byte WINDOW_CLOSED = 'W';
    /**
     * More hits (count, first and last time) of an event held by aggregation in generation G,
     * named by the id of its AGGREGATING record: a repeat costs a few bytes, not its JSON.
     */
    private static final byte HIT = 'H';
    /** Events that left a queue undelivered (evicted for room): removed, and counted as dropped. */
    private static final byte EVICTED = 'E';
    /** Events refused before they reached a queue (no room, too large, a collector's quota). */
    private static final byte DROPPED = 'D';
    /**
     * The drop counts so far went into the DroppedEventsStatistics event with this id; they count
     * again after a crash only if that event's ADD never made it into the journal.
     */
    private static final byte STATISTICS = 'S';
    /**
     * Events an event observer (a detector) refused: {@code [n][observer name]}. Not a queue's
     * drop (the event itself was queued), but counted and reported like one, so kept like one.
     */
    private static final byte OBSERVER_DROPPED = 'O';
    private static final String PREFIX = "journal-";
    private static final String SUFFIX = ".log";
    private static final int MAX_RECORD = 64 * 1024 * 1024;

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
     * Drops not yet reported in a queued DroppedEventsStatistics event: per queue, and per
     * collector for those its quota refused. What a crash would otherwise forget.
     */
    public static final class DropCounts {
        public final long[] dropped = new long[QueueKind.values().length];
        /** Quota drops by queue and collector: key {@code ordinal + "\n" + collector}. */
        private final Map<String, Long> quota = new LinkedHashMap<>();
        /** Events each observer's hand-over refused, by observer name. */
        public final Map<String, Long> observer = new LinkedHashMap<>();

        void add(QueueKind kind, long n, String collector) {
            dropped[kind.ordinal()] += n;
            if (collector != null && !collector.isEmpty()) {
                quota.merge(kind.ordinal() + "\n" + collector, n, Long::sum);
            }
        }

        void addAll(DropCounts o) {
            for (QueueKind k : QueueKind.values()) {
                dropped[k.ordinal()] += o.dropped[k.ordinal()];
            }
            o.quota.forEach((key, n) -> quota.merge(key, n, Long::sum));
            o.observer.forEach((key, n) -> observer.merge(key, n, Long::sum));
        }

        /** @return quota drops per collector, all queues together */
        public Map<String, Long> quotaByCollector() {
            Map<String, Long> out = new LinkedHashMap<>();
            quota.forEach((key, n) -> out.merge(key.substring(key.indexOf('\n') + 1), n, Long::sum));
            return out;
        }

        /** D records that replay to exactly these counts. */
        List<byte[]> records() {
            List<byte[]> out = new ArrayList<>();
            long[] rest = dropped.clone();
            quota.forEach((key, n) -> {
                int nl = key.indexOf('\n');
                QueueKind k = QueueKind.values()[Integer.parseInt(key.substring(0, nl))];
                out.add(droppedRecord(k, n, key.substring(nl + 1)));
                rest[k.ordinal()] -= n;
            });
            for (QueueKind k : QueueKind.values()) {
                if (rest[k.ordinal()] > 0) {
                    out.add(droppedRecord(k, rest[k.ordinal()], ""));
                }
            }
            observer.forEach((name, n) -> out.add(observerRecord(name, n)));
            return out;
        }
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

    /** Hits counted by HIT records for one held event. */
    private record Hits(long count, Instant first, Instant last) {
        Hits plus(Hits o) {
            return new Hits(count + o.count, first.isBefore(o.first) ? first : o.first,
                    last.isAfter(o.last) ? last : o.last);
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
        List<Path> files = j.files();
        Replay r = new Replay();
        for (Path f : files) {
            replay(f, r);
            j.sequence = Math.max(j.sequence, sequenceOf(f));
        }
        List<Entry> entries = new ArrayList<>(r.live.values());
        List<Held> held = new ArrayList<>();
        for (Held h : r.held.values()) {
            Hits more = r.hits.get(h.event().id());
            held.add(more == null ? new Held(h.generation(), h.event(), r.partialIds.contains(h.event().id()))
                    : new Held(h.generation(), h.event(), false, more.count(), more.first(), more.last()));
        }
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

    private List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            ds.forEach(out::add);
        }
        out.sort((a, b) -> Long.compare(sequenceOf(a), sequenceOf(b)));
        return out;
    }

    private static long sequenceOf(Path p) {
        String n = p.getFileName().toString();
        try {
            return Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** State of a replay in progress. */
    private static final class Replay {
        final Map<String, Entry> live = new LinkedHashMap<>();
        final Map<String, Held> held = new LinkedHashMap<>();
        final java.util.Set<String> partialIds = new java.util.HashSet<>();
        final Map<String, Hits> hits = new java.util.HashMap<>();
        DropCounts drops = new DropCounts();
        /** Statistics events whose ADD has not been seen (yet): the drops they took. */
        final Map<String, DropCounts> awaitingAdd = new LinkedHashMap<>();
        long damaged;
        long unreadable;
    }

    private static void replay(Path file, Replay r) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(8);
            long pos = 0;
            long end = ch.size();
            while (pos < end) {
                header.clear();
                if (ch.read(header, pos) < 8) {
                    r.damaged++; // torn header at the tail
                    return;
                }
                header.flip();
                int length = header.getInt();
                int crc = header.getInt();
                if (length < 1 || length > MAX_RECORD || pos + 8 + length > end) {
                    r.damaged++; // torn or damaged: nothing after it can be framed
                    return;
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                ch.read(body, pos + 8);
                byte[] bytes = body.array();
                CRC32 c = new CRC32();
                c.update(bytes, 0, length);
                if ((int) c.getValue() != crc) {
                    r.damaged++;
                    return;
                }
                apply(bytes, r);
                pos += 8 + length;
            }
        }
    }

    private static void apply(byte[] record, Replay r) {
        switch (record[0]) {
            case ADD -> {
                if (record.length > 2) {
                    QueueKind kind = kindOf(record[1]);
                    SecurityEvent e = parse(record, 2, r);
                    if (e != null) {
                        r.live.putIfAbsent(e.id(), new Entry(kind, e));
                        r.awaitingAdd.remove(e.id());
                    }
                }
            }
            case REMOVE -> {
                String ids = new String(record, 1, record.length - 1, StandardCharsets.UTF_8);
                for (String id : ids.split("\n")) {
                    r.live.remove(id);
                }
            }
            case AGGREGATING, PARTIAL -> {
                if (record.length > 9) {
                    long gen = ByteBuffer.wrap(record, 1, 8).getLong();
                    SecurityEvent e = parse(record, 9, r);
                    if (e != null) {
                        r.held.putIfAbsent(e.id(), new Held(gen, e, record[0] == PARTIAL));
                        if (record[0] == PARTIAL) {
                            r.partialIds.add(e.id());
                        }
                    }
                }
            }
            case WINDOW_CLOSED -> {
                if (record.length > 9) {
                    long gen = ByteBuffer.wrap(record, 1, 8).getLong();
                    String name = new String(record, 9, record.length - 9, StandardCharsets.UTF_8);
                    r.held.values().removeIf(h -> {
                        boolean closed = h.generation() == gen && h.event().name().equals(name);
                        if (closed) {
                            r.hits.remove(h.event().id());
                        }
                        return closed;
                    });
                }
            }
            case EVICTED -> {
                if (record.length > 2) {
                    QueueKind kind = kindOf(record[1]);
                    for (String id : new String(record, 2, record.length - 2, StandardCharsets.UTF_8).split("\n")) {
                        r.live.remove(id);
                        r.drops.add(kind, 1, null);
                    }
                } else {
                    r.unreadable++;
                }
            }
            case DROPPED -> {
                if (record.length >= 10) {
                    QueueKind kind = kindOf(record[1]);
                    long n = ByteBuffer.wrap(record, 2, 8).getLong();
                    r.drops.add(kind, n, new String(record, 10, record.length - 10, StandardCharsets.UTF_8));
                } else {
                    r.unreadable++;
                }
            }
            case OBSERVER_DROPPED -> {
                if (record.length >= 9) {
                    long n = ByteBuffer.wrap(record, 1, 8).getLong();
                    r.drops.observer.merge(new String(record, 9, record.length - 9, StandardCharsets.UTF_8), n, Long::sum);
                } else {
                    r.unreadable++;
                }
            }
            case STATISTICS -> {
                r.awaitingAdd.put(new String(record, 1, record.length - 1, StandardCharsets.UTF_8), r.drops);
                r.drops = new DropCounts();
            }
            case HIT -> {
                if (record.length > 33) {
                    ByteBuffer b = ByteBuffer.wrap(record, 1, 32);
                    long gen = b.getLong();
                    long count = b.getLong();
                    Instant first = Instant.ofEpochMilli(b.getLong());
                    Instant last = Instant.ofEpochMilli(b.getLong());
                    String id = new String(record, 33, record.length - 33, StandardCharsets.UTF_8);
                    Held h = r.held.get(id);
                    if (h != null && h.generation() == gen && !r.partialIds.contains(id) && count > 0) {
                        r.hits.merge(id, new Hits(count, first, last), Hits::plus);
                    } else {
                        r.unreadable++; // names no event held in that window: its hits cannot be placed
                    }
                } else {
                    r.unreadable++;
                }
            }
            default -> r.unreadable++;
        }
    }

    /** The queue a record names (an unknown one, from a newer version, read as the last). */
    private static QueueKind kindOf(byte ordinal) {
        return QueueKind.values()[Math.min(ordinal, QueueKind.values().length - 1)];
    }

    private static SecurityEvent parse(byte[] record, int offset, Replay r) {
        try {
            return SecurityEvent.parse(new String(record, offset, record.length - offset, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException ex) {
            r.unreadable++;
            return null;
        }
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
            size += write(channel, record);
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
        frame(record, pending);
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
        Path next = dir.resolve(PREFIX + (++sequence) + SUFFIX);
        FileChannel ch = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        long written = 0;
        for (Entry e : entries) {
            written += write(ch, addRecord(e.kind(), e.event()));
        }
        for (Map.Entry<String, DropCounts> a : awaitingStatistics.entrySet()) {
            for (byte[] d : a.getValue().records()) {
                written += write(ch, d);
            }
            written += write(ch, statisticsRecord(a.getKey()));
        }
        for (byte[] d : drops.records()) {
            written += write(ch, d);
        }
        for (Held h : partials) {
            written += write(ch, heldRecord(h.partial() ? PARTIAL : AGGREGATING, h.generation(), h.event()));
            if (h.moreHits() > 0) {
                written += write(ch, hitRecord(h.generation(), h.event().id(), h.moreHits(), h.firstHit(), h.lastHit()));
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
        List<Path> older = files();
        older.removeIf(p -> sequenceOf(p) == sequence + 1);
        rewrite(entries, partials, older);
    }

    /** An event went into aggregation window {@code generation}. */
    synchronized void aggregating(long generation, SecurityEvent e) throws IOException {
        append(heldRecord(AGGREGATING, generation, e));
    }

    /**
     * One more hit, at {@code time}, of the payload of the event {@code journaledId} that
     * {@link #aggregating} wrote in window {@code generation}.
     */
    synchronized void hit(long generation, String journaledId, Instant time) throws IOException {
        append(hitRecord(generation, journaledId, 1, time, time));
    }

    private static byte[] hitRecord(long generation, String id, long count, Instant first, Instant last) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(33 + idBytes.length).put(HIT).putLong(generation).putLong(count)
                .putLong(first.toEpochMilli()).putLong(last.toEpochMilli()).put(idBytes).array();
    }

    /** Window {@code generation} of {@code name} was emitted: what it held is in the queues now. */
    synchronized void windowClosed(String name, long generation) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(9 + n.length).put(WINDOW_CLOSED).putLong(generation).put(n);
        append(b.array());
    }

    private static byte[] heldRecord(byte type, long generation, SecurityEvent e) {
        byte[] json = e.toJson().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(9 + json.length).put(type).putLong(generation).put(json).array();
    }

    synchronized long size() {
        return size;
    }

    synchronized void added(QueueKind kind, SecurityEvent e) throws IOException {
        append(addRecord(kind, e));
        if (!awaitingStatistics.isEmpty()) {
            awaitingStatistics.remove(e.id());
        }
    }

    synchronized void removed(Collection<SecurityEvent> events) throws IOException {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder ids = new StringBuilder(events.size() * 37);
        for (SecurityEvent e : events) {
            if (ids.length() > 0) {
                ids.append('\n');
            }
            ids.append(e.id());
        }
        byte[] idBytes = ids.toString().getBytes(StandardCharsets.UTF_8);
        byte[] record = new byte[idBytes.length + 1];
        record[0] = REMOVE;
        System.arraycopy(idBytes, 0, record, 1, idBytes.length);
        append(record);
    }

    /** An event left queue {@code kind} undelivered, to make room: removed and counted as dropped. */
    synchronized void evicted(QueueKind kind, SecurityEvent e) throws IOException {
        byte[] id = e.id().getBytes(StandardCharsets.UTF_8);
        byte[] record = new byte[id.length + 2];
        record[0] = EVICTED;
        record[1] = (byte) kind.ordinal();
        System.arraycopy(id, 0, record, 2, id.length);
        append(record);
        drops.add(kind, 1, null);
    }

    /** An event for queue {@code kind} was refused; {@code collector} if its quota did it, else null. */
    synchronized void dropped(QueueKind kind, String collector) throws IOException {
        append(droppedRecord(kind, 1, collector == null ? "" : collector));
        drops.add(kind, 1, collector);
    }

    /** Observer {@code observer}'s hand-over refused an event (the event itself went on). */
    synchronized void observerDropped(String observer) throws IOException {
        append(observerRecord(observer, 1));
        drops.observer.merge(observer, 1L, Long::sum);
    }

    private static byte[] observerRecord(String observer, long n) {
        byte[] name = observer.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(9 + name.length).put(OBSERVER_DROPPED).putLong(n).put(name).array();
    }

    /** The drops counted so far went into the DroppedEventsStatistics event {@code eventId}. */
    synchronized void statisticsTaken(String eventId) throws IOException {
        append(statisticsRecord(eventId));
        awaitingStatistics.put(eventId, drops);
        drops = new DropCounts();
    }

    private static byte[] droppedRecord(QueueKind kind, long n, String collector) {
        byte[] c = collector.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(10 + c.length).put(DROPPED).put((byte) kind.ordinal()).putLong(n).put(c).array();
    }

    private static byte[] statisticsRecord(String eventId) {
        byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + id.length).put(STATISTICS).put(id).array();
    }

    /** Makes what was written durable across power loss (a process kill loses nothing written). */
    synchronized void force() throws IOException {
        writePending();
        if (dirty) {
            channel.force(false);
            dirty = false;
        }
    }

    private static byte[] addRecord(QueueKind kind, SecurityEvent e) {
        byte[] json = e.toJson().getBytes(StandardCharsets.UTF_8);
        byte[] record = new byte[json.length + 2];
        record[0] = ADD;
        record[1] = (byte) kind.ordinal();
        System.arraycopy(json, 0, record, 2, json.length);
        return record;
    }

    private static long write(FileChannel ch, byte[] record) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8 + record.length);
        frame(record, buf);
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        return 8L + record.length;
    }

    /** {@code [length][CRC-32][record]} into {@code out}. */
    private static void frame(byte[] record, ByteBuffer out) {
        CRC32 c = new CRC32();
        c.update(record);
        out.putInt(record.length).putInt((int) c.getValue()).put(record);
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
