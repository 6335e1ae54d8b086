package io.edgesec.transport.file.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Appends whole lines to a file or a stream. A line is either written completely or not at
 * all: on a failed write (disk full) the file is truncated back to where the line began, and an
 * advisory lock keeps a second writer (another agent, logrotate's copytruncate) from
 * interleaving inside a line. The lock is waited for a bounded time: a writer that keeps it
 * (a second agent appending to the same file) makes the append fail, so the message stays queued
 * and the agent can still stop, instead of blocking the sender and shutdown behind it. Files that
 * are not regular (/dev/null, a FIFO) are not locked: no other writer can be kept out of them.
 */
final class JsonLinesFile implements AutoCloseable {
    /** Opens the file for writing (a seam for tests that need a channel which fails). */
    interface Opener {
        FileChannel open(Path path) throws IOException;
    }

    private static final Opener DEFAULT_OPENER = p -> FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(10);
    private static final long LOCK_POLL_MS = 10;

    private final Path path;
    private final OutputStream stream;
    private final boolean fsync;
    private final Opener opener;
    private final java.time.Duration lockWait;
    private FileChannel channel;
    /** Identity (inode) of the file the channel has open, to notice a rotation. */
    private Object fileKey;

    private JsonLinesFile(Path path, OutputStream stream, boolean fsync, Opener opener, java.time.Duration lockWait) {
        this.lockWait = lockWait;
        this.path = path;
        this.stream = stream;
        this.fsync = fsync;
        this.opener = opener;
    }

    static JsonLinesFile toFile(Path path, boolean fsync) {
        return toFile(path, fsync, DEFAULT_OPENER);
    }

    static JsonLinesFile toFile(Path path, boolean fsync, Opener opener) {
        return toFile(path, fsync, opener, LOCK_WAIT);
    }

    static JsonLinesFile toFile(Path path, boolean fsync, Opener opener, java.time.Duration lockWait) {
        return new JsonLinesFile(path, null, fsync, Objects.requireNonNull(opener), lockWait);
    }

    static JsonLinesFile toStream(OutputStream out) {
        return new JsonLinesFile(null, out, false, null, LOCK_WAIT);
    }

    synchronized void append(byte[] line) throws IOException {
        if (stream != null) {
            stream.write(line);
            stream.write('\n');
            stream.flush();
            return;
        }
        FileChannel ch = channel();
        try (FileLock lock = Files.isRegularFile(path) ? lockWithin(ch) : null) {
            long start = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
            try {
                while (buf.hasRemaining()) {
                    ch.write(buf, start + buf.position());
                }
                if (fsync) {
                    ch.force(false);
                }
            } catch (IOException | RuntimeException e) {
                truncateBack(ch, start, e);
                throw e;
            }
        }
    }

    /** The whole file's lock, or an IOException naming the file once {@link #lockWait} has passed. */
    private FileLock lockWithin(FileChannel ch) throws IOException {
        long deadline = System.nanoTime() + lockWait.toNanos();
        while (true) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException("another writer has held the lock on " + path + " for " + lockWait
                        + " (a second agent writing to the same file?); the message was not written and stays queued");
            }
            try {
                Thread.sleep(LOCK_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for the lock on " + path);
            }
        }
    }

    /** Never leave a partial line behind. */
    private void truncateBack(FileChannel ch, long start, Exception failure) {
        try {
            if (ch.isOpen()) {
                ch.truncate(start);
            } else {
                // closed under us (an interrupt closes a channel): truncate through the path,
                // which an interrupt does not stop
                try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(path.toFile(), "rw")) {
                    if (raf.length() > start) {
                        raf.setLength(start);
                    }
                }
            }
        } catch (IOException | RuntimeException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    private FileChannel channel() throws IOException {
        // Re-open when the file was rotated away (renamed or deleted, perhaps with a new file
        // created in its place) or when the channel was closed under us (an interrupt).
        if (channel != null && (!channel.isOpen() || !Objects.equals(fileKey, currentKey()))) {
            try {
                channel.close();
            } catch (IOException e) {
                // it is being replaced anyway
            }
            channel = null;
        }
        if (channel == null) {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = opener.open(path);
            fileKey = currentKey();
        }
        return channel;
    }

    /** @return the file key of what is at the path now, or null if nothing is */
    private Object currentKey() {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (stream != null) {
            stream.flush();
        }
    }
}
