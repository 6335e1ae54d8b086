package io.edgesec.collector.system.internal.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file system the collectors read: {@code /} standalone, {@code /host} in a container, an
 * image's or SD card's root for the baseline command. Every path a collector reads is an
 * absolute path of the device ({@code /etc/passwd}) resolved under this root; symbolic links are
 * not followed out of it for the files read here, because an absolute link inside a mounted image
 * points at the agent's own file system, not the image's.
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

    /** @return the real path of the device's absolute path {@code devicePath} */
    public Path resolve(String devicePath) {
        String rel = devicePath.startsWith("/") ? devicePath.substring(1) : devicePath;
        return rel.isEmpty() ? root : root.resolve(rel).normalize();
    }

    public boolean exists(String devicePath) {
        return Files.exists(resolve(devicePath), LinkOption.NOFOLLOW_LINKS);
    }

    /** @return the file's text, or null if it does not exist */
    public String readOrNull(String devicePath) throws IOException {
        try {
            return read(devicePath);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * @return the file's text (UTF-8, malformed bytes replaced)
     * @throws NoSuchFileException if it does not exist
     * @throws IOException         if it cannot be read or is larger than {@link #MAX_FILE_BYTES}
     */
    public String read(String devicePath) throws IOException {
        Path p = resolve(devicePath);
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (b.length > MAX_FILE_BYTES) {
                throw new IOException(devicePath + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return new String(b, StandardCharsets.UTF_8);
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
