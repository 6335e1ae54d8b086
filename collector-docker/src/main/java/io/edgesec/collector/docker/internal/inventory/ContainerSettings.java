package io.edgesec.collector.docker.internal.inventory;

import static io.edgesec.collector.docker.internal.JsonValues.at;
import static io.edgesec.collector.docker.internal.JsonValues.list;
import static io.edgesec.collector.docker.internal.JsonValues.map;
import static io.edgesec.collector.docker.internal.JsonValues.mapAt;
import static io.edgesec.collector.docker.internal.JsonValues.string;
import static io.edgesec.collector.docker.internal.JsonValues.text;

import io.edgesec.collector.docker.internal.JsonValues;
import io.edgesec.collector.docker.internal.manifest.EdgeLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a container's inspect JSON (and its image's) into one ContainerInventory payload item:
 * identity, state and the effective security settings, with PascalCase names as in Docker's
 * own API. Empty lists and zero limits are kept, so "no limit" is visible, not missing.
 */
public final class ContainerSettings {
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private ContainerSettings() {
    }

    public static Map<String, Object> toPayload(Map<String, Object> inspect, Map<String, Object> image) {
        Map<String, Object> host = mapAt(inspect, "HostConfig");
        Map<String, Object> config = mapAt(inspect, "Config");
        Map<String, Object> state = mapAt(inspect, "State");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ContainerId", string(at(inspect, "Id")));
        p.put("ContainerName", EdgeLabels.containerName(inspect));
        p.put("Image", string(at(config, "Image")));
        p.put("ImageId", string(at(inspect, "Image")));
        List<Object> digests = list(at(image, "RepoDigests"));
        p.put("ImageDigest", digests.isEmpty() ? null : string(digests.get(0)));
        p.put("ImageRepoDigests", digests);
        p.put("State", string(at(state, "Status")));
        p.put("CreatedAt", time(at(inspect, "Created")));
        p.put("StartedAt", time(at(state, "StartedAt")));
        p.put("FinishedAt", time(at(state, "FinishedAt")));
        p.put("ExitCode", JsonValues.number(at(state, "ExitCode"), 0));
        long pid = JsonValues.number(at(state, "Pid"), 0);
        p.put("ProcessId", pid > 0 ? pid : null);
        p.put("RestartCount", JsonValues.number(at(inspect, "RestartCount"), 0));
        p.put("Privileged", JsonValues.bool(at(host, "Privileged")));
        p.put("NetworkMode", string(at(host, "NetworkMode")));
        p.put("PidMode", string(at(host, "PidMode")));
        p.put("IpcMode", string(at(host, "IpcMode")));
        p.put("UTSMode", string(at(host, "UTSMode")));
        p.put("UsernsMode", string(at(host, "UsernsMode")));
        p.put("CgroupnsMode", string(at(host, "CgroupnsMode")));
        p.put("CapAdd", capabilities(at(host, "CapAdd")));
        p.put("CapDrop", capabilities(at(host, "CapDrop")));
        p.put("Binds", strings(at(host, "Binds")));
        p.put("Mounts", mounts(at(inspect, "Mounts")));
        p.put("Devices", devices(at(host, "Devices")));
        p.put("PortBindings", portBindings(at(host, "PortBindings")));
        p.put("PublishAllPorts", JsonValues.bool(at(host, "PublishAllPorts")));
        p.put("SecurityOpt", strings(at(host, "SecurityOpt")));
        p.put("ReadonlyRootfs", JsonValues.bool(at(host, "ReadonlyRootfs")));
        p.put("User", string(at(config, "User")) == null ? "" : string(at(config, "User")));
        p.put("Memory", JsonValues.number(at(host, "Memory"), 0));
        p.put("MemorySwap", JsonValues.number(at(host, "MemorySwap"), 0));
        p.put("NanoCpus", JsonValues.number(at(host, "NanoCpus"), 0));
        p.put("CpuShares", JsonValues.number(at(host, "CpuShares"), 0));
        p.put("CpuQuota", JsonValues.number(at(host, "CpuQuota"), 0));
        p.put("CpuPeriod", JsonValues.number(at(host, "CpuPeriod"), 0));
        p.put("CpusetCpus", string(at(host, "CpusetCpus")));
        // null and 0 (podman) and -1 all mean "no PIDs limit"
        long pids = JsonValues.number(at(host, "PidsLimit"), 0);
        p.put("PidsLimit", pids > 0 ? pids : 0L);
        p.put("RestartPolicy", text(at(host, "RestartPolicy", "Name")) == null ? "no" : string(at(host, "RestartPolicy", "Name")));
        p.put("RestartPolicyMaximumRetryCount", JsonValues.number(at(host, "RestartPolicy", "MaximumRetryCount"), 0));
        boolean module = EdgeLabels.isEdgeModule(inspect);
        p.put("IsIotEdgeModule", module);
        if (module) {
            Map<String, Object> labels = EdgeLabels.of(inspect);
            p.put("ModuleName", EdgeLabels.moduleName(inspect));
            p.put("ModuleVersion", string(labels.get(EdgeLabels.VERSION)));
            p.put("ModuleCreateOptions", string(labels.get(EdgeLabels.CREATE_OPTIONS)));
            p.put("ModuleEnvNames", envNames(string(labels.get(EdgeLabels.ENV))));
            p.put("ModuleRestartPolicy", string(labels.get(EdgeLabels.RESTART_POLICY)));
            p.put("ModuleDesiredStatus", string(labels.get(EdgeLabels.DESIRED_STATUS)));
            p.put("ModuleOriginalImage", string(labels.get(EdgeLabels.ORIGINAL_IMAGE)));
        }
        return p;
    }

    private static String time(Object value) {
        String s = text(value);
        return s == null || s.startsWith(ZERO_TIME.substring(0, 10)) ? null : s;
    }

    /** Docker reports what the client sent ({@code SYS_ADMIN} or {@code CAP_SYS_ADMIN}); podman never adds the prefix. */
    public static List<Object> capabilities(Object value) {
        List<Object> out = new ArrayList<>();
        for (Object o : list(value)) {
            String c = string(o).toUpperCase(Locale.ROOT);
            out.add(c.startsWith("CAP_") ? c.substring(4) : c);
        }
        return out;
    }

    static List<Object> strings(Object value) {
        List<Object> out = new ArrayList<>();
        for (Object o : list(value)) {
            out.add(string(o));
        }
        return out;
    }

    static List<Object> mounts(Object value) {
        List<Object> out = new ArrayList<>();
        for (Object o : list(value)) {
            Map<String, Object> m = map(o);
            if (m == null) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("Type", string(m.get("Type")));
            item.put("Source", string(m.get("Source")));
            item.put("Target", string(m.get("Destination") != null ? m.get("Destination") : m.get("Target")));
            Object rw = m.get("RW");
            item.put("ReadOnly", rw != null ? !JsonValues.bool(rw) : JsonValues.bool(m.get("ReadOnly")));
            item.put("Propagation", text(m.get("Propagation")));
            if (text(m.get("Name")) != null) {
                item.put("VolumeName", string(m.get("Name")));
            }
            out.add(item);
        }
        return out;
    }

    static List<Object> devices(Object value) {
        List<Object> out = new ArrayList<>();
        for (Object o : list(value)) {
            Map<String, Object> d = map(o);
            if (d == null) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("PathOnHost", string(d.get("PathOnHost")));
            item.put("PathInContainer", string(d.get("PathInContainer")));
            item.put("CgroupPermissions", string(d.get("CgroupPermissions")));
            out.add(item);
        }
        return out;
    }

    /** {@code {"80/tcp":[{"HostIp":"","HostPort":"8080"}]}} becomes one item per host binding. */
    public static List<Object> portBindings(Object value) {
        List<Object> out = new ArrayList<>();
        Map<String, Object> ports = map(value);
        if (ports == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : ports.entrySet()) {
            String key = e.getKey();
            int slash = key.indexOf('/');
            String port = slash < 0 ? key : key.substring(0, slash);
            String proto = slash < 0 ? "tcp" : key.substring(slash + 1);
            List<Object> bindings = list(e.getValue());
            if (bindings.isEmpty()) {
                continue;
            }
            for (Object b : bindings) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("ContainerPort", port);
                item.put("Protocol", proto);
                String ip = text(at(b, "HostIp"));
                item.put("HostIp", ip == null ? "0.0.0.0" : ip);
                item.put("HostPort", text(at(b, "HostPort")));
                out.add(item);
            }
        }
        return out;
    }

    private static List<Object> envNames(String envLabel) {
        List<Object> names = new ArrayList<>();
        if (envLabel == null) {
            return names;
        }
        try {
            names.addAll(io.edgesec.support.json.JsonDocuments.object(envLabel).keySet());
        } catch (io.edgesec.support.json.JsonDocumentException e) {
            // an unreadable env label: no names (the label itself is not reported, it may hold secrets)
        }
        return names;
    }
}
