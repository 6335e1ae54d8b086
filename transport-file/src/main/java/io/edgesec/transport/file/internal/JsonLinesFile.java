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
 * interleaving inside a line.
 */
final class JsonLinesFile implements AutoCloseable {
    /** Opens the file for writing (a seam for tests that need a channel which fails). */
    interface Opener {
        FileChannel open(Path path) throws IOException;
    }

    private static final Opener DEFAULT_OPENER = p -> FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);

    private final Path path;
    private final OutputStream stream;
    private final boolean fsync;
    private final Opener opener;
    private FileChannel channel;
    /** Identity (inode) of the file the channel has open, to notice a rotation. */
    private Object fileKey;

    private JsonLinesFile(Path path, OutputStream stream, boolean fsync, Opener opener) {
        this.path = path;
        this.stream = stream;
        this.fsync = fsync;
        this.opener = opener;
    }

    static JsonLinesFile toFile(Path path, boolean fsync) {
        return toFile(path, fsync, DEFAULT_OPENER);
    }

    static JsonLinesFile toFile(Path path, boolean fsync, Opener opener) {
        return new JsonLinesFile(path, null, fsync, Objects.requireNonNull(opener));
    }

    static JsonLinesFile toStream(OutputStream out) {
        return new JsonLinesFile(null, out, false, null);
    }

    synchronized void append(byte[] line) throws IOException {
        if (stream != null) {
            stream.write(line);
            stream.write('\n');
            stream.flush();
            return;
        }
        FileChannel ch = channel();
        try (FileLock lock = ch.lock()) {
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
