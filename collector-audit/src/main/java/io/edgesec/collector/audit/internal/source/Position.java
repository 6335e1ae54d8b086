package io.edgesec.collector.audit.internal.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the log tailer stopped: the log's inode, the byte offset to resume at, the highest serial
 * seen, and the serials of events already sent whose records lie after that offset (they were
 * completed while an older event was still in flight), so that a restart neither loses nor
 * repeats. Stored as a small text file, replaced atomically.
 */
public record Position(long inode, long offset, long lastSerial, long[] sentAfterOffset) {

    public Position {
        sentAfterOffset = sentAfterOffset == null ? new long[0] : sentAfterOffset.clone();
    }

    /** @return the stored position, or null if there is none; a damaged file is an IOException */
    public static Position load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        long inode = -1;
        long offset = -1;
        long serial = -1;
        long[] sent = new long[0];
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] f = line.trim().split(" ");
            if (f.length == 0 || f[0].isEmpty()) {
                continue;
            }
            try {
                switch (f[0]) {
                    case "inode" -> inode = Long.parseLong(f[1]);
                    case "offset" -> offset = Long.parseLong(f[1]);
                    case "serial" -> serial = Long.parseLong(f[1]);
                    case "sent" -> {
                        sent = new long[f.length - 1];
                        for (int i = 1; i < f.length; i++) {
                            sent[i - 1] = Long.parseLong(f[i]);
                        }
                    }
                    default -> { }
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(file + ": bad line '" + line + "'");
            }
        }
        if (inode < 0 || offset < 0) {
            throw new IOException(file + ": no inode or offset");
        }
        return new Position(inode, offset, serial, sent);
    }

    public void store(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        sb.append("inode ").append(inode).append('\n')
                .append("offset ").append(offset).append('\n')
                .append("serial ").append(lastSerial).append('\n')
                .append("sent");
        for (long s : sentAfterOffset) {
            sb.append(' ').append(s);
        }
        sb.append('\n');
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    List<Long> sentList() {
        List<Long> l = new ArrayList<>(sentAfterOffset.length);
        for (long s : sentAfterOffset) {
            l.add(s);
        }
        return l;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Position p && p.inode == inode && p.offset == offset && p.lastSerial == lastSerial
                && Arrays.equals(p.sentAfterOffset, sentAfterOffset);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(inode) * 31 + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return "inode " + inode + " offset " + offset + " serial " + lastSerial + " sent " + Arrays.toString(sentAfterOffset);
    }
}
