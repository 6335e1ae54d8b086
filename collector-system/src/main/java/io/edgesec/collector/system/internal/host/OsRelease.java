package io.edgesec.collector.system.internal.host;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** /etc/os-release (or /usr/lib/os-release) as key/value pairs with the quotes removed. */
public final class OsRelease {
    private final Map<String, String> values;

    private OsRelease(Map<String, String> values) {
        this.values = values;
    }

    public static OsRelease read(HostRoot root) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String path : new String[] {"/etc/os-release", "/usr/lib/os-release"}) {
            try {
                String text = root.readOrNull(path);
                if (text != null) {
                    text.lines().forEach(l -> parseLine(l, m));
                    break;
                }
            } catch (IOException e) {
                // an unreadable file: the next one, else no values
            }
        }
        return new OsRelease(m);
    }

    static void parseLine(String line, Map<String, String> into) {
        String l = line.trim();
        int eq = l.indexOf('=');
        if (l.startsWith("#") || eq <= 0) {
            return;
        }
        String v = l.substring(eq + 1).trim();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        into.put(l.substring(0, eq), v);
    }

    public String get(String key) {
        return values.get(key);
    }

    /** ID, e.g. {@code debian}, {@code ubuntu}, {@code alpine}; empty if unknown. */
    public String id() {
        return values.getOrDefault("ID", "");
    }

    public String name() {
        return values.getOrDefault("NAME", "");
    }

    public String versionId() {
        return values.getOrDefault("VERSION_ID", "");
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
