package io.edgesec.transport.file.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends whole lines to a file or a stream. A line is either written completely or not at
 * all: on a failed write (disk full) the file is truncated back to where the line began, and an
 * advisory lock keeps a second writer (another agent, logrotate's copytruncate) from
 * interleaving inside a line.
 */
final class JsonLinesFile implements AutoCloseable {
    private final Path path;
    private final OutputStream stream;
    private final boolean fsync;
    private FileChannel channel;

    private JsonLinesFile(Path path, OutputStream stream, boolean fsync) {
        this.path = path;
        this.stream = stream;
        this.fsync = fsync;
    }

    static JsonLinesFile toFile(Path path, boolean fsync) {
        return new JsonLinesFile(path, null, fsync);
    }

    static JsonLinesFile toStream(OutputStream out) {
        return new JsonLinesFile(null, out, false);
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
            } catch (IOException e) {
                try {
                    ch.truncate(start); // never leave a partial line behind
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    private FileChannel channel() throws IOException {
        // Re-open when the file was rotated away (renamed or deleted) under us.
        if (channel != null && !Files.exists(path)) {
            channel.close();
            channel = null;
        }
        if (channel == null) {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        return channel;
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
