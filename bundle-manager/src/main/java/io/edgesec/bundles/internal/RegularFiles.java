package io.edgesec.bundles.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.channels.Channels;

/**
 * Opens a file named by the twin only if it is a regular file. A FIFO, a device or a socket at
 * an allowed path would block the reader in {@code open} or {@code read} forever (or stream
 * without end), so anything but a regular file is refused before it is opened. What remains (a
 * file swapped for a FIFO between the check and the open) is bounded by the fetch timeout of
 * {@link BoundedFetches}.
 */
final class RegularFiles {
    private RegularFiles() {
    }

    /** Not a regular file: policy, reported as a refusal. */
    static final class NotARegularFile extends IOException {
        private static final long serialVersionUID = 1L;

        NotARegularFile(String message) {
            super(message);
        }
    }

    static InputStream open(Path path) throws IOException {
        Path real = path.toRealPath();
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new NotARegularFile(path + " is not a regular file (" + kind(a) + "): refused without opening it");
        }
        return Channels.newInputStream(Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    }

    private static String kind(BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a directory";
        }
        if (a.isSymbolicLink()) {
            return "a symbolic link";
        }
        return "a FIFO, socket or device";
    }
}
