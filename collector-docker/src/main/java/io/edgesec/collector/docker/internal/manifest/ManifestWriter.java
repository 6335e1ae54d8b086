package io.edgesec.collector.docker.internal.manifest;

import io.edgesec.support.json.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes modules as a single-device deployment manifest ({@code modulesContent} with
 * {@code $edgeAgent} and {@code $edgeHub}), the way the edge agent expects it: createOptions as
 * a JSON string cut into 512-character chunks {@code createOptions}, {@code createOptions01} ...
 * Routes and store-and-forward settings live in the edge hub's twin, not on any container, so
 * the rebuilt {@code $edgeHub} has none.
 */
public final class ManifestWriter {
    static final int CHUNK = 512;
    static final int MAX_CHUNKS = 100;

    private ManifestWriter() {
    }

    public static String toJson(List<ModuleSpec> modules) {
        return JsonText.write(toManifest(modules));
    }

    public static Map<String, Object> toManifest(List<ModuleSpec> modules) {
        Map<String, Object> systemModules = new LinkedHashMap<>();
        Map<String, Object> userModules = new LinkedHashMap<>();
        for (ModuleSpec m : modules) {
            Map<String, Object> module = new LinkedHashMap<>();
            if (!m.name().equals(ModuleSpec.EDGE_AGENT)) {
                if (!m.isSystemModule()) {
                    module.put("version", m.version());
                }
                module.put("type", "docker");
                module.put("status", m.status());
                module.put("restartPolicy", m.restartPolicy());
            } else {
                module.put("type", "docker");
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("image", m.image());
            if (m.createOptions() != null && !m.createOptions().isEmpty()) {
                settings.putAll(chunks(JsonText.write(m.createOptions())));
            }
            module.put("settings", settings);
            Map<String, Object> env = new LinkedHashMap<>();
            m.env().forEach((k, v) -> env.put(k, Map.of("value", v)));
            if (!env.isEmpty()) {
                module.put("env", env);
            }
            (m.isSystemModule() ? systemModules : userModules).put(m.name(), module);
        }
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("schemaVersion", "1.1");
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("type", "docker");
        runtime.put("settings", Map.of());
        agent.put("runtime", runtime);
        agent.put("systemModules", systemModules);
        agent.put("modules", userModules);
        Map<String, Object> hub = new LinkedHashMap<>();
        hub.put("schemaVersion", "1.1");
        hub.put("routes", Map.of());
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("$edgeAgent", Map.of("properties.desired", agent));
        content.put("$edgeHub", Map.of("properties.desired", hub));
        return Map.of("modulesContent", content);
    }

    /** Splits as the edge agent does: 512 characters each, at most 100 chunks. */
    static Map<String, Object> chunks(String createOptions) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < createOptions.length(); i += CHUNK) {
            parts.add(createOptions.substring(i, Math.min(createOptions.length(), i + CHUNK)));
        }
        if (parts.size() > MAX_CHUNKS) {
            throw new IllegalArgumentException("createOptions of " + createOptions.length()
                    + " characters need more than " + MAX_CHUNKS + " chunks");
        }
        for (int i = 0; i < parts.size(); i++) {
            out.put(i == 0 ? "createOptions" : String.format("createOptions%02d", i), parts.get(i));
        }
        return out;
    }
}
