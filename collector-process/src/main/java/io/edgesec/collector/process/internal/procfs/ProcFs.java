package io.edgesec.collector.process.internal.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a proc file system mounted anywhere ({@code /proc} on the host, {@code /host/proc} in
 * a module container). Processes come and go while we read: a vanished file is "absent", not an
 * error.
 */
public final class ProcFs {
    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** @return the numeric entries of the root: the pids, unordered */
    public List<Integer> pids() throws IOException {
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!name.isEmpty() && name.charAt(0) >= '0' && name.charAt(0) <= '9') {
                    try {
                        pids.add(Integer.parseInt(name));
                    } catch (NumberFormatException e) {
                        // not a pid
                    }
                }
            }
        }
        return pids;
    }

    /** @return the file's text, or null if it does not exist (any more) or cannot be read */
    public String read(String relative) {
        try {
            return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** @return the file's bytes, or null */
    public byte[] readBytes(String relative) {
        try {
            return Files.readAllBytes(root.resolve(relative));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** @return the target of a symbolic link, or null */
    public String readLink(String relative) {
        try {
            return Files.readSymbolicLink(root.resolve(relative)).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** @return the names in a directory, or an empty list */
    public List<String> list(String relative) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root.resolve(relative))) {
            for (Path p : dir) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            // gone or not permitted
        }
        return names;
    }

    /**
     * The host root that belongs to this proc root, for files like etc/passwd: the parent of a
     * {@code /host/proc} mount, {@code /} for {@code /proc}.
     */
    public Path hostRoot() {
        Path parent = root.toAbsolutePath().getParent();
        return parent == null ? Path.of("/") : parent;
    }
}
