package io.edgesec.collector.system.internal.baseline;

import io.edgesec.collector.system.internal.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a service is enabled or running, from files: systemd's wants links under
 * {@code /etc/systemd/system/*.wants/} (units and sockets, not masked), SysV start links in
 * {@code /etc/rc[2-5].d/S??name}, OpenRC's {@code /etc/runlevels/*}; running from the
 * {@code comm} of the processes under the root's {@code /proc}.
 */
final class ServiceState {
    private ServiceState() {
    }

    static boolean enabled(HostRoot root, String name) {
        Path masked = root.resolveNoFollow("/etc/systemd/system/" + name + ".service");
        try {
            if (Files.isSymbolicLink(masked) && Files.readSymbolicLink(masked).toString().equals("/dev/null")) {
                return false;
            }
        } catch (java.io.IOException e) {
            // unreadable link: go on with the other evidence
        }
        for (String dir : root.list("/etc/systemd/system")) {
            if (dir.endsWith(".wants")) {
                for (String unit : root.list("/etc/systemd/system/" + dir)) {
                    if (unit.equals(name + ".service") || unit.equals(name + ".socket") || unit.equals(name + ".timer")) {
                        return true;
                    }
                }
            }
        }
        for (String rc : new String[] {"/etc/rc2.d", "/etc/rc3.d", "/etc/rc4.d", "/etc/rc5.d"}) {
            for (String link : root.list(rc)) {
                if (link.length() > 3 && link.startsWith("S") && link.substring(3).equals(name)) {
                    return true;
                }
            }
        }
        for (String level : root.list("/etc/runlevels")) {
            if (root.exists("/etc/runlevels/" + level + "/" + name)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether a process named {@code name} runs, or null if the root has no processes to look at */
    static Boolean running(HostRoot root, String name) {
        boolean any = false;
        for (String pid : root.list("/proc")) {
            if (pid.isEmpty() || !Character.isDigit(pid.charAt(0))) {
                continue;
            }
            String comm = root.firstLine("/proc/" + pid + "/comm");
            if (comm != null) {
                any = true;
                if (comm.equals(name)) {
                    return true;
                }
            }
        }
        return any ? Boolean.FALSE : null;
    }
}
