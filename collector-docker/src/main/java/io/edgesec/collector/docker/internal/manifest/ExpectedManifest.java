package io.edgesec.collector.docker.internal.manifest;

import static io.edgesec.collector.docker.internal.JsonValues.map;
import static io.edgesec.collector.docker.internal.JsonValues.text;

import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import io.edgesec.support.json.JsonText;
import io.edgesec.collector.docker.internal.JsonValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the modules of a deployment manifest the way the edge agent does: the envelopes
 * {@code modulesContent}, {@code content.modulesContent} and {@code moduleContent}, layered
 * path keys ({@code properties.desired.modules.<name>}), chunked createOptions joined in
 * ordinal case-insensitive key order, a missing image tag meaning {@code :latest}, and the
 * agent's defaults for status and restart policy.
 */
public final class ExpectedManifest {
    private static final Pattern CHUNK_KEY = Pattern.compile("(?i:createoptions)([0-9]*)");
    private static final Pattern IMAGE = Pattern.compile("^(?<repo>([^/]*/)*)(?<image>[^/:]+)(?<tag>:[^/:]+)?$");

    private ExpectedManifest() {
    }

    /** @throws JsonDocumentException if the file is not JSON, or has no IoT Edge modules content */
    public static List<ModuleSpec> parse(String text) throws JsonDocumentException {
        Map<String, Object> root = JsonDocuments.object(text);
        Map<String, Object> content = map(root.get("modulesContent"));
        if (content == null) {
            content = JsonValues.mapAt(root, "content", "modulesContent");
        }
        if (content == null) {
            content = map(root.get("moduleContent"));
        }
        if (content == null && root.containsKey("$edgeAgent")) {
            content = root;
        }
        Map<String, Object> agent = content == null ? null : map(content.get("$edgeAgent"));
        if (agent == null) {
            throw new JsonDocumentException("no modulesContent.$edgeAgent: not an IoT Edge deployment manifest", 1, 1);
        }
        Map<String, Map<String, Object>> modules = new LinkedHashMap<>();
        Map<String, Object> desired = map(agent.get("properties.desired"));
        if (desired != null) {
            collect(modules, JsonValues.map(desired.get("systemModules")));
            collect(modules, JsonValues.map(desired.get("modules")));
        }
        for (Map.Entry<String, Object> e : agent.entrySet()) {
            for (String prefix : List.of("properties.desired.modules.", "properties.desired.systemModules.")) {
                if (e.getKey().startsWith(prefix) && map(e.getValue()) != null) {
                    modules.put(e.getKey().substring(prefix.length()), map(e.getValue()));
                }
            }
        }
        List<ModuleSpec> out = new ArrayList<>();
        modules.forEach((name, m) -> out.add(module(name, m)));
        out.sort(Comparator.comparing(ModuleSpec::name));
        return out;
    }

    private static void collect(Map<String, Map<String, Object>> into, Map<String, Object> modules) {
        if (modules != null) {
            modules.forEach((name, m) -> {
                if (map(m) != null) {
                    into.put(name, map(m));
                }
            });
        }
    }

    private static ModuleSpec module(String name, Map<String, Object> m) {
        Map<String, Object> settings = map(m.get("settings"));
        String image = normalizeImage(text(JsonValues.at(settings, "image")));
        String status = text(m.get("status"));
        String restart = text(m.get("restartPolicy"));
        boolean agent = name.equals(ModuleSpec.EDGE_AGENT);
        Map<String, Object> createOptions = null;
        String problem = null;
        try {
            createOptions = createOptions(settings);
        } catch (JsonDocumentException | IllegalArgumentException e) {
            problem = e.getMessage();
        }
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Object> envs = map(m.get("env"));
        if (envs != null) {
            envs.forEach((k, v) -> {
                Object value = v instanceof Map<?, ?> vm ? vm.get("value") : v;
                env.put(k, value == null ? "" : value.toString());
            });
        }
        return new ModuleSpec(name, image,
                status == null ? "running" : status.toLowerCase(Locale.ROOT),
                restart == null ? (agent ? "always" : "on-unhealthy") : restart.toLowerCase(Locale.ROOT),
                text(m.get("version")), createOptions, problem, env, null);
    }

    /** Trims, and appends {@code :latest} to an image without a tag, as the agent does. */
    public static String normalizeImage(String image) {
        if (image == null) {
            return null;
        }
        String s = image.trim();
        Matcher mt = IMAGE.matcher(s);
        if (mt.matches() && mt.group("tag") == null && !s.contains("@")) {
            return s + ":latest";
        }
        return s;
    }

    /** Joins createOptions chunks exactly as the edge agent does, and parses them. */
    static Map<String, Object> createOptions(Map<String, Object> settings) throws JsonDocumentException {
        if (settings == null) {
            return Map.of();
        }
        List<String> keys = new ArrayList<>();
        for (String k : settings.keySet()) {
            if (CHUNK_KEY.matcher(k).find()) {
                keys.add(k);
            }
        }
        if (keys.isEmpty()) {
            return Map.of();
        }
        keys.sort(String.CASE_INSENSITIVE_ORDER);
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < keys.size() && i < ManifestWriter.MAX_CHUNKS; i++) {
            Matcher mt = CHUNK_KEY.matcher(keys.get(i));
            mt.find();
            String suffix = mt.group(1);
            boolean ok = i == 0 ? suffix.isEmpty() : !suffix.isEmpty() && Integer.parseInt(suffix) == i;
            if (!ok || !keys.get(i).toLowerCase(Locale.ROOT).equals("createoptions" + suffix)) {
                throw new IllegalArgumentException("createOptions chunk key '" + keys.get(i) + "' out of sequence");
            }
            Object v = settings.get(keys.get(i));
            joined.append(v instanceof String s ? s : JsonText.write(v));
        }
        String text = joined.toString().trim();
        if (text.isEmpty() || text.equals("null")) {
            return Map.of();
        }
        return JsonDocuments.object(text);
    }
}
