package io.edgesec.collector.audit.internal.source;

import io.edgesec.api.event.Severity;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Follows audit.log across rotation and truncation with a persisted {@link Position}.
 * <ul>
 * <li>Rotation (auditd renames audit.log to audit.log.1 and opens a new one): the open channel
 *     still reads the renamed file, so it is drained to its end before the new file is read
 *     from offset 0. Nothing is lost or read twice.</li>
 * <li>Truncation (same inode, size below our offset): read again from 0; reported, since
 *     records written between our last read and the truncation are gone.</li>
 * <li>Restart: resume at the saved offset of the saved inode; if the log was rotated while we
 *     were stopped, the rotated file with that inode (audit.log.N in the same folder) is read
 *     to its end first. Events sent whose records lie after the saved offset are skipped.</li>
 * </ul>
 * Polls (default 200 ms) rather than using inotify, which does not follow bind-mounted host
 * paths reliably in containers. One thread; {@link #stop()} from any thread.
 */
public final class LogTailer implements Runnable {
    private final Path log;
    private final Path positionFile;
    private final AuditPipeline pipeline;
    private final StatusListener status;
    private final long pollMillis;
    private final long idleFlushMillis;
    private final boolean startAtEndWithoutPosition;
    private final LineSplitter splitter;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    private final StopSignal stop = new StopSignal();

    private FileChannel channel;
    private long inode = -1;
    private long offset;
    private boolean draining; // reading a rotated file found at restart; then the live one
    private Position lastSaved;
    private long lastDataNanos = System.nanoTime();
    private long lastSaveNanos;
    private boolean missingReported;
    private boolean missingAtStart; // no saved position and no log at the first look: all of it is new when it comes
    private boolean caughtUp; // the last read did not fill the buffer: we are at the end of the data

    public LogTailer(Path log, Path positionFile, AuditPipeline pipeline, StatusListener status, long pollMillis,
                     long idleFlushMillis, boolean startAtEndWithoutPosition) {
        this.log = log;
        this.positionFile = positionFile;
        this.pipeline = pipeline;
        this.status = status;
        this.pollMillis = pollMillis;
        this.idleFlushMillis = idleFlushMillis;
        this.startAtEndWithoutPosition = startAtEndWithoutPosition;
        this.splitter = pipeline.splitter();
        pipeline.trackCompleted(true);
    }

    @Override
    public void run() {
        try {
            while (!stop.stopped() && channel == null && !open()) {
                sleep();
            }
            while (!stop.stopped()) {
                try {
                    // Sleep also after a read that reached the end of the data: auditd appends a
                    // record at a time, and reading again at once would take a few records per read
                    // (a system call, a partial line and copies of in-flight records each time)
                    // instead of what a poll interval brings in one go.
                    if (!step() || caughtUp) {
                        sleep();
                    }
                } catch (IOException e) {
                    status.status(log.toString(), "io-error", Severity.ERROR, "reading " + log + ": " + e);
                    closeChannel();
                    sleepLong();
                    while (!stop.stopped() && !reopenCurrent()) {
                        sleepLong();
                    }
                }
            }
        } catch (RuntimeException e) {
            status.status(log.toString(), "failed", Severity.FATAL, "audit log tailer stopped by " + e);
        } finally {
            shutdown();
        }
    }

    /** Stops the thread; it flushes in-flight events and saves the position before it ends. */
    public void stop() {
        // no Thread.interrupt(): it would close the FileChannel under a read
        stop.stop();
    }

    /**
     * Opens the log where the saved position says, or (none saved) at its end. Fixes where
     * reading starts: call it before the records that must be seen are made ({@link
     * io.edgesec.collector.audit.internal.AuditCollector} does, before it installs rules and
     * starts this thread), or records written between then and the thread's first look are
     * skipped. {@link #run()} calls it until the log exists if it was not done or returned false.
     *
     * @return false if the log is not there yet (then, without a saved position, it is read from
     *         its start when it comes: everything in it is newer than this call)
     */
    public boolean open() {
        Position pos;
        try {
            pos = Position.load(positionFile);
        } catch (IOException e) {
            status.status(positionFile.toString(), "bad-position", Severity.WARNING,
                    "cannot read the saved position (" + e.getMessage() + "); starting at the end of " + log);
            pos = null;
        }
        long currentInode = inodeOf(log);
        if (currentInode < 0) {
            if (!missingReported) {
                status.status(log.toString(), "missing", Severity.ERROR, log + " does not exist (yet); waiting for it");
                missingReported = true;
            }
            if (pos == null) {
                missingAtStart = true;
            }
            return false;
        }
        try {
            if (pos != null) {
                pipeline.gaps().seed(null, pos.lastSerial());
                pipeline.alreadySent(pos.sentAfterOffset());
                if (pos.inode() == currentInode) {
                    openAt(log, pos.offset());
                    if (channel.size() < pos.offset()) {
                        status.status(log.toString(), "truncated", Severity.ERROR, log + " is shorter than the saved offset "
                                + pos.offset() + ": it was truncated while the collector was stopped; reading from 0");
                        offset = 0;
                        pipeline.alreadySent(new long[0]);
                    }
                    return true;
                }
                Path rotated = findByInode(pos.inode());
                if (rotated != null) {
                    openAt(rotated, pos.offset());
                    draining = true;
                    return true;
                }
                status.status(log.toString(), "position-lost", Severity.ERROR, "the log file of the saved position (inode "
                        + pos.inode() + ") is gone: records written to it after offset " + pos.offset()
                        + " were lost while the collector was stopped; reading " + log + " from 0");
                pipeline.alreadySent(new long[0]);
                openAt(log, 0);
                return true;
            }
            openAt(log, 0);
            if (startAtEndWithoutPosition && !missingAtStart) {
                offset = channel.size();
            }
            return true;
        } catch (IOException e) {
            status.status(log.toString(), "io-error", Severity.ERROR, "cannot open " + log + ": " + e);
            return false;
        }
    }

    private void openAt(Path p, long at) throws IOException {
        closeChannel();
        channel = FileChannel.open(p, StandardOpenOption.READ);
        inode = inodeOf(p);
        offset = at;
        splitter.reset();
    }

    /**
     * Reads what is there. @return true if bytes were read or a new file opened (call again to
     * go on; {@link #run()} waits a poll interval first if the read did not fill the buffer)
     */
    boolean step() throws IOException {
        buffer.clear();
        int n = channel.read(buffer, offset);
        caughtUp = n < buffer.capacity();
        if (n > 0) {
            splitter.feed(buffer.array(), 0, n, offset);
            offset += n;
            lastDataNanos = System.nanoTime();
            if (lastDataNanos - lastSaveNanos > 1_000_000_000L) {
                save();
            }
            return true;
        }
        // at the end of what we have: has the file been rotated, truncated or replaced?
        if (draining) {
            splitter.finish();
            draining = false;
            pipeline.newSource();
            openAt(log, 0);
            save();
            caughtUp = false; // the live log may have a backlog: read it at once
            return true;
        }
        long currentInode = inodeOf(log);
        if (currentInode >= 0 && currentInode != inode) {
            // rotated: we are at the end of the old file (renamed, no longer written)
            n = channel.read(buffer, offset);
            caughtUp = false;
            if (n > 0) {
                buffer.clear();
                return true; // more came in before the rename; read it first
            }
            splitter.finish();
            pipeline.newSource();
            openAt(log, 0);
            save();
            return true;
        }
        if (currentInode >= 0 && channel.size() < offset) {
            status.status(log.toString(), "truncated", Severity.ERROR, log + " was truncated from " + offset
                    + " bytes to " + channel.size() + "; records written before the truncation and not yet read are lost");
            pipeline.newSource();
            offset = 0;
            splitter.reset();
            save();
            caughtUp = false;
            return true;
        }
        long idle = System.nanoTime() - lastDataNanos;
        if (idle > idleFlushMillis * 1_000_000L && pipeline.inFlight() > 0) {
            // a quiet log: events that will get no end record (no PROCTITLE, single kernel records
            // of multi-record types) are done; syscall events still being written are not
            pipeline.flushIdle();
        }
        if (System.nanoTime() - lastSaveNanos > 1_000_000_000L) {
            save();
        }
        return false;
    }

    private boolean reopenCurrent() {
        try {
            if (inodeOf(log) < 0) {
                return false;
            }
            pipeline.newSource();
            openAt(log, 0);
            status.status(log.toString(), "reopened", Severity.INFORMATION, "reading " + log + " again from the start");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Saves the position: the start of the oldest record not yet part of a sent event. */
    void save() {
        lastSaveNanos = System.nanoTime();
        if (channel == null) {
            return;
        }
        long safe = offset;
        long pending = splitter.pendingOffset();
        if (pending >= 0 && pending < safe) {
            safe = pending;
        }
        long oldest = pipeline.oldestInFlightOffset();
        if (oldest >= 0 && oldest < safe) {
            safe = oldest;
        }
        Position p = new Position(inode, safe, pipeline.gaps().highest(null), pipeline.sentAfter(safe));
        if (p.equals(lastSaved)) {
            return;
        }
        try {
            p.store(positionFile);
            lastSaved = p;
        } catch (IOException e) {
            status.status(positionFile.toString(), "io-error", Severity.ERROR, "cannot save the position: " + e
                    + "; a restart would read the log again from the last saved position");
        }
    }

    private void shutdown() {
        // complete what is in flight and save an exact position: a clean restart repeats nothing
        try {
            pipeline.flushAll();
            save();
        } finally {
            closeChannel();
        }
    }

    private Path findByInode(long wanted) {
        Path dir = log.toAbsolutePath().getParent();
        String name = log.getFileName().toString();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name + ".*")) {
            for (Path p : ds) {
                if (inodeOf(p) == wanted) {
                    return p;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    static long inodeOf(Path p) {
        try {
            Object ino = Files.getAttribute(p, "unix:ino");
            return ((Number) ino).longValue();
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a read-only channel; nothing to lose
            }
            channel = null;
        }
    }

    private void sleep() {
        stop.pause(pollMillis);
    }

    private void sleepLong() {
        stop.pause(Math.max(1000, pollMillis * 5));
    }

    /** @return true if the last read reached the end of the data, so the thread waits before the next (tests) */
    boolean caughtUp() {
        return caughtUp;
    }

    /** @return the current read offset (tests) */
    long offset() {
        return offset;
    }
}
