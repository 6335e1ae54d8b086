package io.edgesec.collector.docker.internal.manifest;

import static io.edgesec.collector.docker.internal.JsonValues.at;
import static io.edgesec.collector.docker.internal.JsonValues.string;
import static io.edgesec.collector.docker.internal.JsonValues.text;

import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import io.edgesec.collector.docker.internal.JsonValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds IoT Edge modules from the containers the runtime created: the
 * {@code net.azure-devices.edge.*} labels say what the module was given (create options, env,
 * restart policy, desired status, version, original image), inspect says what the engine really
 * applied. The rebuilt createOptions start from the given ones and carry the effective value of
 * every security-relevant setting, so a setting the runtime changed (for example Privileged
 * removed by edgelet's {@code allow_elevated_docker_permissions=false}) shows as applied.
 */
public final class RuntimeModules {
    /** Variables the engines set in every container by themselves (podman: container, HOME, TERM). */
    private static final Set<String> ENGINE_ENV = Set.of("PATH", "HOSTNAME", "HOME", "TERM", "container");

    private RuntimeModules() {
    }

    /** @param containers inspect JSON of containers (all of them; non-IoT Edge ones are skipped) */
    public static List<ModuleSpec> fromContainers(List<Map<String, Object>> containers, Map<String, Map<String, Object>> imagesById) {
        List<ModuleSpec> out = new ArrayList<>();
        for (Map<String, Object> c : containers) {
            if (EdgeLabels.isEdgeModule(c)) {
                Map<String, Object> image = imagesById == null ? null : imagesById.get(string(c.get("Image")));
                out.add(fromContainer(c, image));
            }
        }
        out.sort(Comparator.comparing(ModuleSpec::name));
        return out;
    }

    public static ModuleSpec fromContainer(Map<String, Object> inspect, Map<String, Object> image) {
        Map<String, Object> labels = EdgeLabels.of(inspect);
        String name = EdgeLabels.moduleName(inspect);
        String img = text(labels.get(EdgeLabels.ORIGINAL_IMAGE));
        if (img == null) {
            img = string(at(inspect, "Config", "Image"));
        }
        String status = text(labels.get(EdgeLabels.DESIRED_STATUS));
        status = status != null ? status.toLowerCase(Locale.ROOT)
                : JsonValues.bool(at(inspect, "State", "Running")) ? "running" : "stopped";
        String restart = restartPolicy(text(labels.get(EdgeLabels.RESTART_POLICY)));
        String version = text(labels.get(EdgeLabels.VERSION));
        return new ModuleSpec(name, img, status, restart, version == null ? "1.0" : version,
                effectiveCreateOptions(inspect), null, env(inspect, image), string(inspect.get("Id")));
    }

    /** {@code OnUnhealthy} (the agent's enum name in the label) becomes {@code on-unhealthy}. */
    static String restartPolicy(String label) {
        if (label == null) {
            return "always";
        }
        if (label.contains("-")) {
            return label.toLowerCase(Locale.ROOT);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < label.length(); i++) {
            char ch = label.charAt(i);
            if (Character.isUpperCase(ch) && i > 0) {
                sb.append('-');
            }
            sb.append(Character.toLowerCase(ch));
        }
        return sb.toString();
    }

    /** The create options as given (label) with the effective security settings laid over them. */
    public static Map<String, Object> effectiveCreateOptions(Map<String, Object> inspect) {
        Map<String, Object> labels = EdgeLabels.of(inspect);
        Map<String, Object> given = new LinkedHashMap<>();
        String label = text(labels.get(EdgeLabels.CREATE_OPTIONS));
        if (label != null) {
            try {
                given.putAll(JsonDocuments.object(label));
            } catch (JsonDocumentException e) {
                // the runtime accepted non-strict JSON; the effective settings below are still exact
            }
        }
        JsonValues.removeIgnoreCase(given, "Env");
        Map<String, Object> givenHost = JsonValues.map(JsonValues.getIgnoreCase(given, "HostConfig"));
        JsonValues.removeIgnoreCase(given, "HostConfig");
        Map<String, Object> host = givenHost == null ? new LinkedHashMap<>() : new LinkedHashMap<>(givenHost);
        Map<String, Object> actual = JsonValues.mapAt(inspect, "HostConfig");
        if (actual == null) {
            actual = Map.of();
        }
        for (String key : SecuritySettings.HOST_CONFIG_KEYS) {
            Object value = actual.get(key);
            boolean given1 = JsonValues.containsIgnoreCase(host, key);
            if (SecuritySettings.isSet(key, SecuritySettings.normalize(key, value)) || given1) {
                JsonValues.removeIgnoreCase(host, key);
                host.put(key, engineValue(key, value));
            }
        }
        String user = string(at(inspect, "Config", "User"));
        if ((user != null && !user.isEmpty()) || JsonValues.containsIgnoreCase(given, "User")) {
            JsonValues.removeIgnoreCase(given, "User");
            given.put("User", user == null ? "" : user);
        }
        Map<String, Object> userLabels = new LinkedHashMap<>();
        labels.forEach((k, v) -> {
            if (!k.startsWith(EdgeLabels.PREFIX)) {
                userLabels.put(k, v);
            }
        });
        JsonValues.removeIgnoreCase(given, "Labels");
        if (!userLabels.isEmpty()) {
            given.put("Labels", userLabels);
        }
        if (!host.isEmpty()) {
            given.put("HostConfig", host);
        }
        return given;
    }

    private static Object engineValue(String key, Object value) {
        if (key.equals("CapAdd") || key.equals("CapDrop")) {
            return io.edgesec.collector.docker.internal.inventory.ContainerSettings.capabilities(value);
        }
        if (key.equals("PidsLimit") && JsonValues.number(value, 0) <= 0) {
            return 0L;
        }
        return value;
    }

    /** The env the module was given (label), else the container's minus the image's, the engine's and the runtime's. */
    static Map<String, String> env(Map<String, Object> inspect, Map<String, Object> image) {
        Map<String, String> out = new LinkedHashMap<>();
        String label = text(EdgeLabels.of(inspect).get(EdgeLabels.ENV));
        if (label != null) {
            try {
                JsonDocuments.object(label).forEach((k, v) -> {
                    Object value = v instanceof Map<?, ?> m ? m.get("value") : v;
                    out.put(k, value == null ? "" : value.toString());
                });
                return out;
            } catch (JsonDocumentException e) {
                // fall back to the container's environment
            }
        }
        Set<Object> fromImage = new HashSet<>(JsonValues.list(at(image, "Config", "Env")));
        for (Object o : JsonValues.list(at(inspect, "Config", "Env"))) {
            String s = o.toString();
            int eq = s.indexOf('=');
            String k = eq < 0 ? s : s.substring(0, eq);
            if (fromImage.contains(o) || k.startsWith("IOTEDGE_") || ENGINE_ENV.contains(k)) {
                continue;
            }
            out.put(k, eq < 0 ? "" : s.substring(eq + 1));
        }
        return out;
    }
}
