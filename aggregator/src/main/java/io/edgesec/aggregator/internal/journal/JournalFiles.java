package io.edgesec.aggregator.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The journal's files, {@code journal-<sequence>.log} in the spool directory, and the framing of
 * the records in them: {@code [length][CRC-32][record]}. A torn write (the last record of a
 * crashed process) or a damaged record fails its checksum and ends the reading of that file.
 */
final class JournalFiles {
    private static final String PREFIX = "journal-";
    private static final String SUFFIX = ".log";
    private static final int MAX_RECORD = 64 * 1024 * 1024;

    private JournalFiles() {
    }

    /** The journal files in {@code dir}, oldest first. */
    static List<Path> files(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            ds.forEach(out::add);
        }
        out.sort((a, b) -> Long.compare(sequenceOf(a), sequenceOf(b)));
        return out;
    }

    static Path file(Path dir, long sequence) {
        return dir.resolve(PREFIX + sequence + SUFFIX);
    }

    static long sequenceOf(Path p) {
        String n = p.getFileName().toString();
        try {
            return Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Hands each record of {@code file} to {@code records}, in order, up to the first that is
     * torn or damaged.
     *
     * @return false if a torn or damaged record ended the file early
     */
    static boolean read(Path file, Consumer<byte[]> records) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(8);
            long pos = 0;
            long end = ch.size();
            while (pos < end) {
                header.clear();
                if (ch.read(header, pos) < 8) {
                    return false; // torn header at the tail
                }
                header.flip();
                int length = header.getInt();
                int crc = header.getInt();
                if (length < 1 || length > MAX_RECORD || pos + 8 + length > end) {
                    return false; // torn or damaged: nothing after it can be framed
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                ch.read(body, pos + 8);
                byte[] bytes = body.array();
                CRC32 c = new CRC32();
                c.update(bytes, 0, length);
                if ((int) c.getValue() != crc) {
                    return false;
                }
                records.accept(bytes);
                pos += 8 + length;
            }
        }
        return true;
    }

    /** Writes one framed record to {@code ch}. @return the bytes written */
    static long write(FileChannel ch, byte[] record) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8 + record.length);
        frame(record, buf);
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        return 8L + record.length;
    }

    /** {@code [length][CRC-32][record]} into {@code out}. */
    static void frame(byte[] record, ByteBuffer out) {
        CRC32 c = new CRC32();
        c.update(record);
        out.putInt(record.length).putInt((int) c.getValue()).put(record);
    }
}
