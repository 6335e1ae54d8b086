package io.edgesec.collector.process.internal.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/** uid to user name from a passwd file, re-read only when the file changes. */
public final class UserNames {
    private final Path passwd;
    private FileTime loaded;
    private Map<String, String> names = Map.of();

    public UserNames(Path passwd) {
        this.passwd = passwd;
    }

    /** @return the user name of {@code uid}, or null if unknown */
    public synchronized String name(String uid) {
        refresh();
        return names.get(uid);
    }

    private void refresh() {
        try {
            FileTime m = Files.getLastModifiedTime(passwd);
            if (m.equals(loaded)) {
                return;
            }
            Map<String, String> map = new HashMap<>();
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && !line.startsWith("#")) {
                    map.putIfAbsent(f[2], f[0]);
                }
            }
            names = map;
            loaded = m;
        } catch (IOException e) {
            names = Map.of();
            loaded = null;
        }
    }
}
