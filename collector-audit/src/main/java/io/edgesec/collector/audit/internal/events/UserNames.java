package io.edgesec.collector.audit.internal.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves numeric uids to names from a passwd file (the device's own, e.g.
 * {@code /host/etc/passwd} in a container), re-read when it changes. Used only by the live
 * collector: a replayed log may come from another device, where only ENRICHED names are valid.
 */
public final class UserNames {
    /** No local lookups (replay). */
    public static final UserNames NONE = new UserNames(null);

    private final Path passwd;
    private volatile Map<String, String> names = Map.of();
    private FileTime loaded;
    private long checkedAt;

    public UserNames(Path passwd) {
        this.passwd = passwd;
    }

    /** @return the user name of {@code uid}, or null if unknown */
    public String name(String uid) {
        if (passwd == null || uid == null) {
            return null;
        }
        refresh();
        return names.get(uid);
    }

    private void refresh() {
        long now = System.nanoTime();
        if (loaded != null && now - checkedAt < 5_000_000_000L) {
            return;
        }
        checkedAt = now;
        try {
            FileTime t = Files.getLastModifiedTime(passwd);
            if (t.equals(loaded)) {
                return;
            }
            List<String> lines = Files.readAllLines(passwd, StandardCharsets.UTF_8);
            Map<String, String> m = new HashMap<>(lines.size() * 2);
            for (String line : lines) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && !f[0].isEmpty()) {
                    m.putIfAbsent(f[2], f[0]);
                }
            }
            names = m;
            loaded = t;
        } catch (IOException | RuntimeException e) {
            loaded = FileTime.fromMillis(0); // retry in 5 s; names stay as they were
        }
    }
}
