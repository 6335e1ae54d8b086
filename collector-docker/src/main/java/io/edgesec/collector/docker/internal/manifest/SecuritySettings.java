package io.edgesec.collector.docker.internal.manifest;

import io.edgesec.collector.docker.internal.JsonValues;
import io.edgesec.collector.docker.internal.inventory.ContainerSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The security-relevant createOptions settings, how to compare them and what their harmless
 * default is. Values are normalised so that what the manifest says and what the engine reports
 * compare equal when they mean the same ({@code CAP_SYS_ADMIN} = {@code SYS_ADMIN}, podman's
 * {@code /a:/b:ro,rprivate,rbind} = {@code /a:/b:ro}, an empty PidMode = {@code private} ...).
 */
public final class SecuritySettings {
    /** HostConfig members compared and carried into the rebuilt manifest, in this order. */
    public static final List<String> HOST_CONFIG_KEYS = List.of(
            "Privileged", "NetworkMode", "PidMode", "IpcMode", "UTSMode", "UsernsMode",
            "CapAdd", "CapDrop", "Binds", "Mounts", "Devices", "PortBindings", "PublishAllPorts",
            "SecurityOpt", "ReadonlyRootfs", "Memory", "MemorySwap", "NanoCpus", "CpuShares",
            "CpuQuota", "CpuPeriod", "PidsLimit", "OomKillDisable", "Sysctls", "CgroupParent", "Runtime");

    private static final Set<String> HIGH = Set.of("Privileged", "NetworkMode", "PidMode", "IpcMode", "UTSMode",
            "UsernsMode", "CapAdd", "Binds", "Mounts", "Devices", "SecurityOpt");
    private static final Set<String> MEDIUM = Set.of("PortBindings", "PublishAllPorts", "ReadonlyRootfs", "User",
            "Memory", "MemorySwap", "NanoCpus", "CpuQuota", "PidsLimit", "OomKillDisable", "CapDrop", "Sysctls");

    /** Host paths of the IoT Edge runtime's own sockets, which edgelet mounts into modules itself. */
    private static final List<String> RUNTIME_MOUNT_SOURCES = List.of("/var/run/iotedge/", "/run/iotedge/",
            "/var/lib/aziot/edged/", "/var/lib/iotedge/");

    private SecuritySettings() {
    }

    public static String severity(String key) {
        return HIGH.contains(key) ? "High" : MEDIUM.contains(key) ? "Medium" : "Low";
    }

    /** @return a canonical form for comparison (strings, sorted sets, longs, booleans) */
    public static Object normalize(String key, Object value) {
        switch (key) {
            case "Privileged", "PublishAllPorts", "ReadonlyRootfs", "OomKillDisable":
                return JsonValues.bool(value);
            case "NetworkMode":
                return mode(value, "default");
            case "PidMode", "IpcMode", "UTSMode", "UsernsMode":
                return mode(value, "private");
            case "CapAdd", "CapDrop":
                return new TreeSet<>(ContainerSettings.capabilities(value).stream().map(Object::toString).toList());
            case "SecurityOpt":
                return new TreeSet<>(JsonValues.list(value).stream().map(o -> o.toString().replace(':', '=')).toList());
            case "Binds":
                return new TreeSet<>(JsonValues.list(value).stream().map(o -> bind(o.toString())).toList());
            case "Mounts":
                return mounts(value);
            case "Devices":
                return devices(value);
            case "PortBindings":
                return ports(value);
            case "Memory", "MemorySwap", "NanoCpus", "CpuShares", "CpuQuota", "CpuPeriod":
                return Math.max(0, JsonValues.number(value, 0));
            case "PidsLimit":
                return Math.max(0, JsonValues.number(value, 0));
            case "User":
                return value == null ? "" : value.toString();
            case "Sysctls":
                return value instanceof Map<?, ?> m ? new java.util.TreeMap<>(m).toString() : "{}";
            default:
                return value == null ? "" : value.toString();
        }
    }

    /** @return true if the normalised value differs from the engine's default for the key */
    public static boolean isSet(String key, Object normalized) {
        if (normalized instanceof Boolean b) {
            return b;
        }
        if (normalized instanceof Long l) {
            return l > 0;
        }
        if (normalized instanceof Set<?> s) {
            return !s.isEmpty();
        }
        String s = normalized.toString();
        return switch (key) {
            case "NetworkMode" -> !s.equals("default");
            case "PidMode", "IpcMode", "UTSMode", "UsernsMode" -> !s.equals("private");
            case "Sysctls" -> !s.equals("{}");
            default -> !s.isEmpty();
        };
    }

    /**
     * @return true if a setting that the expected manifest does not mention, found on the
     *         running container with this value, widens what the module may do (and is not
     *         something the runtime adds to every module by itself)
     */
    public static boolean isWidening(String key, Object normalized, Map<String, Object> actualHostConfig) {
        if (!isSet(key, normalized)) {
            return false;
        }
        switch (key) {
            case "NetworkMode", "PidMode", "IpcMode", "UTSMode", "UsernsMode": {
                String s = normalized.toString();
                return s.equals("host") || s.startsWith("container:");
            }
            case "Binds", "Mounts":
                return ((Set<?>) normalized).stream().anyMatch(b -> !isRuntimeMount(b.toString()));
            case "SecurityOpt": {
                boolean implied = JsonValues.bool(actualHostConfig.get("Privileged"))
                        || "host".equals(mode(actualHostConfig.get("PidMode"), "private"))
                        || "host".equals(mode(actualHostConfig.get("IpcMode"), "private"));
                // the engine adds label=disable itself to privileged and host-namespace containers
                return ((Set<?>) normalized).stream().anyMatch(o -> !(implied && o.equals("label=disable")));
            }
            case "Privileged", "CapAdd", "Devices", "PortBindings", "PublishAllPorts", "OomKillDisable", "Sysctls":
                return true;
            default:
                // limits, CapDrop, ReadonlyRootfs, User: added ones only narrow the module
                return false;
        }
    }

    /** @return the set entries that widen the module (used to list them in a finding) */
    public static Set<Object> wideningEntries(String key, Set<?> normalized) {
        Set<Object> out = new TreeSet<>();
        for (Object o : normalized) {
            if ((key.equals("Binds") || key.equals("Mounts")) && isRuntimeMount(o.toString())) {
                continue;
            }
            out.add(o);
        }
        return out;
    }

    private static boolean isRuntimeMount(String normalizedMount) {
        String source = normalizedMount.contains("->") ? normalizedMount.substring(normalizedMount.indexOf(' ') + 1)
                : normalizedMount;
        for (String prefix : RUNTIME_MOUNT_SOURCES) {
            if (source.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String mode(Object value, String dflt) {
        String s = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals(dflt) || (dflt.equals("default") && s.equals("bridge"))
                || (dflt.equals("private") && s.equals("shareable"))) {
            return dflt;
        }
        return s;
    }

    /** {@code src:dst[:opts]} with only the options that matter: ro and a non-private propagation. */
    static String bind(String spec) {
        String s = spec.trim();
        int start = 0;
        if (s.length() > 2 && Character.isLetter(s.charAt(0)) && s.charAt(1) == ':' && (s.charAt(2) == '\\' || s.charAt(2) == '/')) {
            start = 2; // a Windows drive letter
        }
        int c1 = s.indexOf(':', start);
        if (c1 < 0) {
            return s;
        }
        int c2 = s.indexOf(':', c1 + 1);
        String src = s.substring(0, c1);
        String dst = c2 < 0 ? s.substring(c1 + 1) : s.substring(c1 + 1, c2);
        boolean ro = false;
        String propagation = null;
        if (c2 >= 0) {
            for (String opt : s.substring(c2 + 1).split(",")) {
                String o = opt.trim();
                if (o.equals("ro")) {
                    ro = true;
                } else if (o.equals("shared") || o.equals("rshared") || o.equals("slave") || o.equals("rslave")) {
                    propagation = o;
                }
            }
        }
        return src + ":" + dst + (ro ? ":ro" : "") + (propagation != null ? "," + propagation : "");
    }

    private static Set<String> mounts(Object value) {
        Set<String> out = new TreeSet<>();
        for (Object o : JsonValues.list(value)) {
            Map<String, Object> m = JsonValues.map(o);
            if (m == null) {
                continue;
            }
            String type = String.valueOf(JsonValues.getIgnoreCase(m, "Type"));
            String target = String.valueOf(JsonValues.getIgnoreCase(m, "Target"));
            String source = String.valueOf(JsonValues.getIgnoreCase(m, "Source"));
            boolean ro = JsonValues.bool(JsonValues.getIgnoreCase(m, "ReadOnly"));
            out.add(type + " " + source + "->" + target + (ro ? ":ro" : ""));
        }
        return out;
    }

    private static Set<String> devices(Object value) {
        Set<String> out = new TreeSet<>();
        for (Object o : JsonValues.list(value)) {
            Map<String, Object> d = JsonValues.map(o);
            if (d == null) {
                continue;
            }
            Object perm = JsonValues.getIgnoreCase(d, "CgroupPermissions");
            out.add(JsonValues.getIgnoreCase(d, "PathOnHost") + "->" + JsonValues.getIgnoreCase(d, "PathInContainer")
                    + ":" + (perm == null || perm.toString().isEmpty() ? "rwm" : perm));
        }
        return out;
    }

    private static Set<String> ports(Object value) {
        Set<String> out = new TreeSet<>();
        for (Object o : ContainerSettings.portBindings(value)) {
            Map<String, Object> p = JsonValues.map(o);
            out.add(p.get("ContainerPort") + "/" + p.get("Protocol") + "->" + p.get("HostIp") + ":" + p.get("HostPort"));
        }
        return out;
    }
}
