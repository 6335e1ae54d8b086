package io.edgesec.collector.system.internal.baseline;

import io.edgesec.collector.system.internal.host.HostRoot;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The global settings of {@code /etc/ssh/sshd_config} as sshd reads them: keywords are
 * case-insensitive, the first value of a keyword wins, {@code Include} files (relative to
 * /etc/ssh, {@code *} globs in the last component) are read in place, and everything from the
 * first {@code Match} block on applies to some connections only and is not global.
 */
final class SshdConfig {
    private SshdConfig() {
    }

    static Map<String, String> read(HostRoot root) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        String text = root.readOrNull("/etc/ssh/sshd_config");
        if (text == null) {
            throw new NoSuchFileException("/etc/ssh/sshd_config");
        }
        parse(root, text, out, 0);
        return out;
    }

    /** @return false once a Match block starts (nothing after it is global) */
    private static boolean parse(HostRoot root, String text, Map<String, String> out, int depth) throws IOException {
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("[\\s=]+", 2);
            String key = kv[0].toLowerCase(Locale.ROOT);
            String value = kv.length > 1 ? kv[1].strip() : "";
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (key.equals("match")) {
                return false;
            }
            if (key.equals("include") && depth < 8) {
                for (String pattern : value.split("\\s+")) {
                    for (String file : expand(root, pattern.startsWith("/") ? pattern : "/etc/ssh/" + pattern)) {
                        String inc = root.readOrNull(file);
                        if (inc != null && !parse(root, inc, out, depth + 1)) {
                            return false;
                        }
                    }
                }
                continue;
            }
            out.putIfAbsent(key, value);
        }
        return true;
    }

    private static List<String> expand(HostRoot root, String pattern) {
        int slash = pattern.lastIndexOf('/');
        String dir = pattern.substring(0, slash);
        String glob = pattern.substring(slash + 1);
        if (!glob.contains("*") && !glob.contains("?")) {
            return List.of(pattern);
        }
        String re = glob.replace(".", "\\.").replace("*", ".*").replace("?", ".");
        return root.list(dir).stream().filter(n -> n.matches(re)).map(n -> dir + "/" + n).toList();
    }
}
