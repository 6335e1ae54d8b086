package io.edgesec.manifest.internal.rules.catalogue;

import io.edgesec.manifest.internal.json.JsonNode;
import io.edgesec.manifest.internal.model.HostMount;
import io.edgesec.manifest.internal.model.ModuleSpec;
import io.edgesec.manifest.internal.model.Placeholders;
import java.util.List;
import java.util.Locale;

/** Classification of host mount sources shared by IOTE-030..035 and IOTE-084. */
final class HostPaths {
    static final List<String> DOCKER = List.of("/var/run/docker.sock", "/run/docker.sock", "/var/run/docker", "/run/docker",
            "/var/lib/docker", "/var/run/containerd", "/run/containerd");
    static final List<String> IOTEDGE = List.of("/var/run/iotedge", "/run/iotedge", "/var/lib/iotedge", "/run/aziot",
            "/var/run/aziot", "/var/lib/aziot", "/etc/aziot", "/etc/iotedge");
    static final List<String> SENSITIVE = List.of("/boot", "/etc", "/lib", "/lib64", "/proc", "/sys", "/usr", "/root", "/home",
            "/var/run", "/run", "/var/log", "/bin", "/sbin");

    private HostPaths() {
    }

    /** @return true if the source of a host mount is unknown (a template placeholder) */
    static boolean unknown(HostMount m) {
        return Placeholders.contains(m.source());
    }

    static boolean dockerSocket(HostMount m) {
        if (!m.hostPath() || unknown(m)) {
            return false;
        }
        String s = m.normalizedSource().toLowerCase(Locale.ROOT);
        if (s.endsWith("containerd.sock") || s.endsWith("docker.sock") || s.contains("\\pipe\\docker_engine")) {
            return true;
        }
        for (String p : DOCKER) {
            if (m.sourceUnder(p)) {
                return true;
            }
        }
        return false;
    }

    static boolean iotedge(HostMount m) {
        if (!m.hostPath() || unknown(m)) {
            return false;
        }
        for (String p : IOTEDGE) {
            if (m.sourceUnder(p)) {
                return true;
            }
        }
        String s = m.normalizedSource().toLowerCase(Locale.ROOT);
        return s.endsWith("/mgmt.sock") || s.endsWith("/workload.sock");
    }

    /** @return true for {@code /}, {@code /dev} itself and the sensitive directories (or below) */
    static boolean sensitive(HostMount m) {
        if (!m.hostPath() || unknown(m) || dockerSocket(m) || iotedge(m)) {
            return false;
        }
        String s = m.normalizedSource();
        if (s.equals("/") || s.equals("/dev")) {
            return true;
        }
        for (String p : SENSITIVE) {
            if (m.sourceUnder(p)) {
                return true;
            }
        }
        return false;
    }

    /** @return true for a bind of a device node or directory below /dev */
    static boolean deviceBind(HostMount m) {
        return m.hostPath() && !unknown(m) && m.normalizedSource().startsWith("/dev/");
    }

    /** @return a node to point "missing setting" findings at: HostConfig, the options, or the module settings */
    static JsonNode anchor(ModuleSpec m) {
        if (m.createOptions().root() != null) {
            return m.hostConfig() != null ? m.hostConfig() : m.createOptions().root();
        }
        if (!m.createOptions().chunks().isEmpty()) {
            return m.createOptions().chunks().get(0).node();
        }
        return m.settings() != null ? m.settings() : m.node();
    }
}
