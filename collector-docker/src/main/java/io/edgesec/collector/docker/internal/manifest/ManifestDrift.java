package io.edgesec.collector.docker.internal.manifest;

import io.edgesec.support.json.JsonText;
import io.edgesec.collector.docker.internal.JsonValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the modules an expected manifest describes with the modules running on the device
 * and returns one finding (a Recommendation payload item) per difference.
 *
 * <p>Payload fields: {@code RecommendationType} ({@code IoT_ManifestDrift}), {@code DriftKind},
 * {@code Severity} (High, Medium, Low), {@code ModuleName}, {@code ContainerId}, {@code Setting}
 * (e.g. {@code HostConfig.Privileged}), {@code ExpectedValue} and {@code ActualValue} (compact
 * JSON of the normalised values), {@code ManifestSource} and {@code Description}. Environment
 * values are never reported, only the names of variables that differ.
 */
public final class ManifestDrift {
    public static final String RECOMMENDATION_TYPE = "IoT_ManifestDrift";

    /** The kinds of difference. */
    public enum Kind {
        /** In the manifest, no container on the device. */
        ModuleMissing,
        /** An IoT Edge container on the device that the manifest does not have. */
        ModuleNotInManifest,
        ImageChanged,
        StatusChanged,
        RestartPolicyChanged,
        /** A setting the manifest states has another value on the device. */
        SettingChanged,
        /** A widening setting the manifest does not state is in effect on the device. */
        SettingAdded,
        EnvChanged,
        /** The manifest's createOptions for the module cannot be read; its settings were not compared. */
        CreateOptionsUnreadable
    }

    private ManifestDrift() {
    }

    public static List<Map<String, Object>> compare(List<ModuleSpec> expected, List<ModuleSpec> running, String source) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, ModuleSpec> actualByName = new LinkedHashMap<>();
        running.forEach(m -> actualByName.put(m.name(), m));
        Set<String> expectedNames = new TreeSet<>();
        for (ModuleSpec exp : expected) {
            expectedNames.add(exp.name());
            ModuleSpec act = actualByName.get(exp.name());
            if (act == null) {
                out.add(finding(Kind.ModuleMissing, exp.isSystemModule() ? "High" : "Medium", exp.name(), null, null,
                        exp.image(), null, source, "module '" + exp.name() + "' of the manifest has no container on the device"));
                continue;
            }
            compareModule(exp, act, source, out);
        }
        for (ModuleSpec act : running) {
            if (!expectedNames.contains(act.name())) {
                out.add(finding(Kind.ModuleNotInManifest, "High", act.name(), act.containerId(), null, null, act.image(),
                        source, "IoT Edge module '" + act.name() + "' runs on the device but is not in the manifest"));
            }
        }
        return out;
    }

    private static void compareModule(ModuleSpec exp, ModuleSpec act, String source, List<Map<String, Object>> out) {
        String name = exp.name();
        String id = act.containerId();
        if (exp.image() != null && !sameImage(exp.image(), act.image())) {
            out.add(finding(Kind.ImageChanged, "High", name, id, "settings.image", exp.image(), act.image(), source,
                    "module '" + name + "' runs image " + act.image() + " instead of " + exp.image()));
        }
        if (!exp.name().equals(ModuleSpec.EDGE_AGENT)) {
            if (!exp.status().equals(act.status())) {
                out.add(finding(Kind.StatusChanged, "Medium", name, id, "status", exp.status(), act.status(), source,
                        "module '" + name + "' is " + act.status() + ", the manifest wants it " + exp.status()));
            }
            if (!exp.restartPolicy().equals(act.restartPolicy())) {
                out.add(finding(Kind.RestartPolicyChanged, "Low", name, id, "restartPolicy", exp.restartPolicy(),
                        act.restartPolicy(), source, "module '" + name + "' has restart policy " + act.restartPolicy()
                                + ", the manifest says " + exp.restartPolicy()));
            }
        }
        Set<String> envDiff = new TreeSet<>();
        exp.env().forEach((k, v) -> {
            if (!v.equals(act.env().get(k))) {
                envDiff.add(k);
            }
        });
        act.env().keySet().forEach(k -> {
            if (!exp.env().containsKey(k)) {
                envDiff.add(k);
            }
        });
        if (!envDiff.isEmpty()) {
            out.add(finding(Kind.EnvChanged, "Medium", name, id, "env", null, null, source,
                    "module '" + name + "' environment differs from the manifest in " + String.join(", ", envDiff)));
        }
        if (exp.name().equals(ModuleSpec.EDGE_AGENT)) {
            return; // edgelet creates the agent from its own configuration, not from the manifest
        }
        if (exp.createOptions() == null) {
            out.add(finding(Kind.CreateOptionsUnreadable, "Medium", name, id, "settings.createOptions", null, null, source,
                    "createOptions of module '" + name + "' in the manifest cannot be read (" + exp.createOptionsProblem()
                            + "); its settings were not compared"));
            return;
        }
        Map<String, Object> expHost = JsonValues.map(JsonValues.getIgnoreCase(exp.createOptions(), "HostConfig"));
        Map<String, Object> actHost = JsonValues.map(act.createOptions().get("HostConfig"));
        if (actHost == null) {
            actHost = Map.of();
        }
        for (String key : SecuritySettings.HOST_CONFIG_KEYS) {
            Object a = SecuritySettings.normalize(key, actHost.get(key));
            if (JsonValues.containsIgnoreCase(expHost, key)) {
                Object e = SecuritySettings.normalize(key, JsonValues.getIgnoreCase(expHost, key));
                if (!e.equals(a)) {
                    out.add(finding(Kind.SettingChanged, SecuritySettings.severity(key), name, id, "HostConfig." + key,
                            json(e), json(a), source, "module '" + name + "' runs with HostConfig." + key + " = " + json(a)
                                    + ", the manifest says " + json(e)));
                }
            } else if (SecuritySettings.isWidening(key, a, actHost)) {
                Object shown = a instanceof Set<?> s ? SecuritySettings.wideningEntries(key, s) : a;
                out.add(finding(Kind.SettingAdded, SecuritySettings.severity(key), name, id, "HostConfig." + key, null,
                        json(shown), source, "module '" + name + "' runs with HostConfig." + key + " = " + json(shown)
                                + ", which the manifest does not give it"));
            }
        }
        if (JsonValues.containsIgnoreCase(exp.createOptions(), "User")) {
            Object e = SecuritySettings.normalize("User", JsonValues.getIgnoreCase(exp.createOptions(), "User"));
            Object a = SecuritySettings.normalize("User", act.createOptions().get("User"));
            if (!e.equals(a)) {
                out.add(finding(Kind.SettingChanged, SecuritySettings.severity("User"), name, id, "User", json(e), json(a),
                        source, "module '" + name + "' runs as user " + json(a) + ", the manifest says " + json(e)));
            }
        }
    }

    /** Podman and Docker spell Docker Hub images differently ({@code docker.io/x} or {@code x}). */
    static boolean sameImage(String a, String b) {
        return canonicalImage(a).equals(canonicalImage(b));
    }

    private static String canonicalImage(String image) {
        String s = ExpectedManifest.normalizeImage(image == null ? "" : image);
        for (String prefix : List.of("docker.io/library/", "docker.io/", "index.docker.io/library/", "index.docker.io/")) {
            if (s.startsWith(prefix)) {
                return s.substring(prefix.length());
            }
        }
        return s;
    }

    private static String json(Object v) {
        if (v == null) {
            return null;
        }
        return JsonText.write(v instanceof Set<?> s ? new ArrayList<>(s) : v);
    }

    private static Map<String, Object> finding(Kind kind, String severity, String module, String containerId, String setting,
            String expected, String actual, String source, String description) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("RecommendationType", RECOMMENDATION_TYPE);
        p.put("DriftKind", kind.name());
        p.put("Severity", severity);
        p.put("ModuleName", module);
        p.put("ContainerId", containerId);
        p.put("Setting", setting);
        p.put("ExpectedValue", expected);
        p.put("ActualValue", actual);
        p.put("ManifestSource", source);
        p.put("Description", description);
        return p;
    }
}
