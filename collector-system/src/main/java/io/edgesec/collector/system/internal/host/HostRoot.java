package io.edgesec.collector.system.internal.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file system the collectors read: {@code /} standalone, {@code /host} in a container, an
 * image's or SD card's root for the baseline command. Every path a collector reads is an
 * absolute path of the device ({@code /etc/passwd}) resolved under this root; symbolic links are
 * followed inside it (see {@link #resolve}), never out of it: an absolute link inside a mounted
 * image means the image's file, not the agent's own.
 */
public final class HostRoot {
    /** Files larger than this are not read whole (a hostile or broken /etc/passwd must not exhaust memory). */
    public static final long MAX_FILE_BYTES = 16L << 20;
    private final Path root;

    public HostRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static HostRoot of(String root) {
        return new HostRoot(Path.of(root == null || root.isBlank() ? "/" : root));
    }

    public Path root() {
        return root;
    }

    /**
     * @return the real path of the device's absolute path {@code devicePath}: symbolic links on
     *         the way (the last component included) are followed inside the root, an absolute
     *         link target taken as a device path, so a mounted image's {@code /etc/os-release ->
     *         /usr/lib/os-release} means the image's file, not this machine's
     */
    public Path resolve(String devicePath) {
        if (isSystemRoot()) {
            return Path.of("/").resolve(strip(devicePath)).normalize(); // the kernel follows links itself
        }
        Deque<String> todo = new ArrayDeque<>(List.of(strip(devicePath).split("/")));
        Path cur = root;
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                cur = cur.equals(root) ? root : cur.getParent();
                continue;
            }
            Path next = cur.resolve(c);
            if (links < 40 && Files.isSymbolicLink(next)) {
                links++;
                String target;
                try {
                    target = Files.readSymbolicLink(next).toString();
                } catch (IOException e) {
                    cur = next;
                    continue;
                }
                List<String> parts = List.of(strip(target).split("/"));
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
                if (target.startsWith("/")) {
                    cur = root;
                }
                continue;
            }
            cur = next;
        }
        return cur;
    }

    /** @return the path of {@code devicePath} with its directory resolved but the last component not followed */
    public Path resolveNoFollow(String devicePath) {
        String p = strip(devicePath);
        int slash = p.lastIndexOf('/');
        return slash < 0 ? root.resolve(p) : resolve("/" + p.substring(0, slash)).resolve(p.substring(slash + 1));
    }

    private boolean isSystemRoot() {
        return root.getNameCount() == 0;
    }

    private static String strip(String devicePath) {
        return devicePath.startsWith("/") ? devicePath.substring(1) : devicePath;
    }

    public boolean exists(String devicePath) {
        return Files.exists(resolveNoFollow(devicePath), LinkOption.NOFOLLOW_LINKS);
    }

    /** @return the file's text, or null if it does not exist */
    public String readOrNull(String devicePath) throws IOException {
        byte[] b = readBytesOrNull(devicePath);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /**
     * @return the file's text (UTF-8, malformed bytes replaced)
     * @throws NoSuchFileException if it does not exist
     * @throws IOException         if it cannot be read or is larger than {@link #MAX_FILE_BYTES}
     */
    public String read(String devicePath) throws IOException {
        return new String(readBytes(devicePath), StandardCharsets.UTF_8);
    }

    /** @return the file's bytes, or null if it does not exist (see {@link #read}) */
    public byte[] readBytesOrNull(String devicePath) throws IOException {
        try {
            return readBytes(devicePath);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private byte[] readBytes(String devicePath) throws IOException {
        Path p = resolve(devicePath);
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (b.length > MAX_FILE_BYTES) {
                throw new IOException(devicePath + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return b;
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(devicePath);
        }
    }

    /** @return the lines of the file, or null if it does not exist */
    public List<String> linesOrNull(String devicePath) throws IOException {
        String text = readOrNull(devicePath);
        return text == null ? null : text.lines().toList();
    }

    /** @return the names in a directory, sorted; empty if it does not exist */
    public List<String> list(String deviceDir) {
        Path d = resolve(deviceDir);
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(d)) {
            return out;
        }
        try (Stream<Path> s = Files.list(d)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /** @return the first line of a small file (sysfs, procfs), trimmed, or null */
    public String firstLine(String devicePath) {
        try {
            String t = readOrNull(devicePath);
            if (t == null) {
                return null;
            }
            int nl = t.indexOf('\n');
            return (nl < 0 ? t : t.substring(0, nl)).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
