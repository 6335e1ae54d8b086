package io.edgesec.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Resolves numeric uids to user names from a passwd file (the device's own, e.g.
 * {@code /host/etc/passwd} in a container), re-read when it changes. The file's time is looked
 * at no more than every few seconds, so a collector naming thousands of processes or records does
 * not stat it for each; a file that cannot be read keeps the names it had and is tried again then.
 */
public final class UserNames {
    private static final Duration RECHECK = Duration.ofSeconds(5);

    /** No local lookups (e.g. a replayed log from another device, where only its own names are valid). */
    public static final UserNames NONE = new UserNames(null);

    private final Path passwd;
    private final long recheckNanos;
    private final LongSupplier nanoTime;
    private Map<String, String> names = Map.of();
    private FileTime loaded;
    private long checkedAt;

    public UserNames(Path passwd) {
        this(passwd, RECHECK, System::nanoTime);
    }

    UserNames(Path passwd, Duration recheck, LongSupplier nanoTime) {
        this.passwd = passwd;
        this.recheckNanos = recheck.toNanos();
        this.nanoTime = nanoTime;
    }

    /** @return the user name of {@code uid}, or null if unknown */
    public synchronized String name(String uid) {
        if (passwd == null || uid == null) {
            return null;
        }
        refresh();
        return names.get(uid);
    }

    /**
     * The names by id of passwd or group lines ({@code name:password:id:...}): the first line
     * with an id wins, as in the C library's lookups; comments, blank and short lines name nobody.
     */
    public static Map<String, String> byId(Iterable<String> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length >= 3 && !f[0].isEmpty() && !f[2].isEmpty()) {
                m.putIfAbsent(f[2], f[0]);
            }
        }
        return m;
    }

    private void refresh() {
        long now = nanoTime.getAsLong();
        if (loaded != null && now - checkedAt < recheckNanos) {
            return;
        }
        checkedAt = now;
        try {
            FileTime t = Files.getLastModifiedTime(passwd);
            if (t.equals(loaded)) {
                return;
            }
            names = byId(Files.readAllLines(passwd, StandardCharsets.UTF_8));
            loaded = t;
        } catch (IOException | RuntimeException e) {
            loaded = FileTime.fromMillis(0); // tried again after the recheck interval; names stay as they were
        }
    }
}
