package io.edgesec.manifest.internal.model;

import io.edgesec.manifest.internal.json.JArray;
import io.edgesec.manifest.internal.json.JObject;
import io.edgesec.manifest.internal.json.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A module of {@code $edgeAgent}: a system module (edgeAgent, edgeHub) or a user module. */
public final class ModuleSpec {
    private final String name;
    private final boolean system;
    private final JObject node;
    private final JObject settings;
    private final CreateOptions createOptions;
    private final List<EnvVar> env;

    ModuleSpec(String name, boolean system, JObject node) {
        this.name = name;
        this.system = system;
        this.node = node;
        this.settings = node.getObject("settings");
        this.createOptions = CreateOptions.read(settings, node.pointer() + "/settings");
        List<EnvVar> vars = new ArrayList<>();
        JObject envObj = node.getObject("env");
        if (envObj != null) {
            for (JObject.Member m : envObj.effectiveMembers()) {
                JsonNode v = m.value().asObject() != null ? m.value().asObject().get("value") : m.value();
                vars.add(new EnvVar(m.name(), v == null ? "" : v.asText(), v == null ? m.value() : v, false));
            }
        }
        JObject root = createOptions.root();
        JArray envArr = root == null ? null : root.getArray("Env");
        if (envArr != null) {
            for (JsonNode e : envArr.items()) {
                String s = e.asString();
                if (s != null) {
                    int eq = s.indexOf('=');
                    vars.add(new EnvVar(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1), e, true));
                }
            }
        }
        this.env = Collections.unmodifiableList(vars);
    }

    /** @return the module name ({@code edgeAgent}/{@code edgeHub} for the system modules) */
    public String name() {
        return name;
    }

    /** @return true for {@code systemModules.edgeAgent} and {@code systemModules.edgeHub} */
    public boolean system() {
        return system;
    }

    /** @return true for the {@code systemModules.edgeHub} module */
    public boolean isEdgeHub() {
        return system && name.equalsIgnoreCase("edgeHub");
    }

    public JObject node() {
        return node;
    }

    /** @return {@code settings}, or null */
    public JObject settings() {
        return settings;
    }

    /** @return the image node ({@code settings.image}), or null */
    public JsonNode imageNode() {
        return settings == null ? null : settings.get("image");
    }

    /** @return the image text, or null */
    public String image() {
        JsonNode n = imageNode();
        return n == null ? null : n.asText();
    }

    public CreateOptions createOptions() {
        return createOptions;
    }

    /** @return parsed {@code HostConfig}, or null */
    public JObject hostConfig() {
        return createOptions.hostConfig();
    }

    /** @return the module env and createOptions Env variables */
    public List<EnvVar> env() {
        return env;
    }

    /** @return the value of env variable {@code name} (case-insensitive, last wins), or null */
    public EnvVar envVar(String name) {
        EnvVar found = null;
        for (EnvVar v : env) {
            if (v.name().equalsIgnoreCase(name)) {
                found = v;
            }
        }
        return found;
    }

    /** @return a top-level string property of the module such as {@code status}, or null */
    public String property(String key) {
        JsonNode n = node.get(key);
        return n == null ? null : n.asText();
    }

    @Override
    public String toString() {
        return name;
    }
}
