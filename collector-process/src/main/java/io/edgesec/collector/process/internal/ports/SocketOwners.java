package io.edgesec.collector.process.internal.ports;

import io.edgesec.collector.process.internal.procfs.ProcFs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps socket inodes to the processes holding them, from the {@code socket:[inode]} links in
 * {@code /proc/<pid>/fd} (read directly; the Azure C agent ran {@code ls -l} per process), and
 * groups processes by network namespace so container sockets are seen too.
 */
public final class SocketOwners {
    private final Map<Long, List<Integer>> byInode = new HashMap<>();
    /** One pid per network namespace, to read that namespace's /proc/<pid>/net tables. */
    private final Map<String, Integer> namespaceRepresentative = new HashMap<>();

    public static SocketOwners scan(ProcFs proc, List<Integer> pids) {
        SocketOwners owners = new SocketOwners();
        for (int pid : pids) {
            String ns = proc.readLink(pid + "/ns/net");
            if (ns != null) {
                owners.namespaceRepresentative.putIfAbsent(ns, pid);
            }
            for (String fd : proc.list(pid + "/fd")) {
                String target = proc.readLink(pid + "/fd/" + fd);
                if (target != null && target.startsWith("socket:[")) {
                    try {
                        long inode = Long.parseLong(target.substring(8, target.length() - 1));
                        List<Integer> list = owners.byInode.computeIfAbsent(inode, k -> new ArrayList<>(1));
                        if (!list.contains(pid)) {
                            list.add(pid);
                        }
                    } catch (NumberFormatException e) {
                        // not a socket link we understand
                    }
                }
            }
        }
        return owners;
    }

    public List<Integer> owners(long inode) {
        return byInode.getOrDefault(inode, List.of());
    }

    /** @return network namespace id to one pid inside it */
    public Map<String, Integer> namespaces() {
        return namespaceRepresentative;
    }
}
