package io.edgesec.collector.docker.internal.pidmap;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the container id in the text of {@code /proc/<pid>/cgroup}. Covers cgroup v1 and v2 with
 * the cgroupfs and systemd drivers of Docker ({@code /docker/<id>}, {@code docker-<id>.scope}),
 * podman ({@code libpod-<id>}, not {@code libpod-conmon-<id>}, which is podman's monitor process
 * outside the container), containerd and CRI-O, also when seen from a container's cgroup
 * namespace ({@code /../docker-<id>.scope}).
 */
public final class CgroupContainerId {
    private static final Pattern ID = Pattern.compile("(?:^|[/\\-:])([0-9a-f]{64})(?:\\.scope)?(?=/|$)");

    private CgroupContainerId() {
    }

    /** @return the 64-hex container id, or null for a process outside any container */
    public static String parse(String cgroupFile) {
        String found = null;
        for (String line : cgroupFile.split("\n")) {
            // hierarchy-ID:controller-list:cgroup-path
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second < 0) {
                continue;
            }
            String path = line.substring(second + 1).strip();
            String id = lastId(path);
            if (id != null) {
                found = id;
                if (line.startsWith("0::")) {
                    return id; // the unified hierarchy is authoritative
                }
            }
        }
        return found;
    }

    private static String lastId(String path) {
        String id = null;
        for (String segment : path.split("/")) {
            if (segment.contains("conmon")) {
                continue;
            }
            Matcher m = ID.matcher(segment);
            while (m.find()) {
                id = m.group(1);
            }
        }
        return id;
    }
}
