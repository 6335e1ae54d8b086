package io.edgesec.itest.edge;

import io.edgesec.support.json.JsonDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's entry of a deployment manifest turned into the Docker create request edgeAgent
 * makes for it: the createOptions (split over {@code createOptions}, {@code createOptions01}
 * ... as the manifest allows, joined in order) are the body; edgeAgent then sets the image, the
 * module's env, the IoT Edge variables, its labels, the workload socket mount and the network.
 *
 * <p>Two deliberate differences, both named where they are made: the network is the host's
 * (edgeAgent's default is its {@code azure-iot-edge} bridge network; this machine's engine runs
 * with {@code --bridge=none}, and the edgeHub stand-in listens on the host's loopback), and
 * bind sources that would be this machine's own state (its audit log, its engine socket, the
 * module's data directory) are replaced by the test's.
 */
public final class EdgeModuleSpec {
    static final Path TEMPLATE = EdgeAgent.ROOT.resolve("deploy/deployment.template.json");
    static final String WORKLOAD_SOCKET = "/var/run/iotedge/workload.sock";

    private final Map<String, Object> module;
    private final Map<String, Object> moduleDesired;

    private EdgeModuleSpec(Map<String, Object> module, Map<String, Object> moduleDesired) {
        this.module = module;
        this.moduleDesired = moduleDesired;
    }

    @SuppressWarnings("unchecked")
    public static EdgeModuleSpec read(Path manifest, String moduleName) throws IOException {
        Map<String, Object> doc;
        try {
            doc = JsonDocuments.object(Files.readString(manifest, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(manifest + " is not JSON", e);
        }
        Map<String, Object> content = (Map<String, Object>) doc.get("modulesContent");
        Map<String, Object> agent = (Map<String, Object>) ((Map<String, Object>) content.get("$edgeAgent")).get("properties.desired");
        Map<String, Object> module = (Map<String, Object>) ((Map<String, Object>) agent.get("modules")).get(moduleName);
        if (module == null) {
            throw new AssertionError(manifest + " has no module " + moduleName);
        }
        Map<String, Object> twin = (Map<String, Object>) content.get(moduleName);
        Map<String, Object> desired = twin == null ? Map.of() : (Map<String, Object>) twin.get("properties.desired");
        return new EdgeModuleSpec(module, desired == null ? Map.of() : desired);
    }

    /** The module twin's desired properties of the manifest (a copy). */
    public Map<String, Object> desired() {
        return deepCopy(moduleDesired);
    }

    /** The createOptions, joined from their parts, parsed. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> createOptions() {
        Map<String, Object> settings = (Map<String, Object>) module.get("settings");
        StringBuilder json = new StringBuilder(String.valueOf(settings.getOrDefault("createOptions", "{}")));
        for (int i = 1; i <= 7; i++) {
            Object part = settings.get(String.format("createOptions%02d", i));
            if (part == null) {
                break;
            }
            json.append(part);
        }
        try {
            return JsonDocuments.object(json.toString());
        } catch (Exception e) {
            throw new AssertionError("the module's createOptions are not JSON: " + json, e);
        }
    }

    /**
     * The create body.
     *
     * @param image        the image to run (the manifest names a registry's)
     * @param edgeEnv      the IoT Edge variables edgeAgent sets
     * @param bindSources  host path in the manifest to the test's replacement
     * @param workloadSocket the workload API stand-in's socket, mounted where edgeAgent mounts the real one
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> createBody(String image, Map<String, String> edgeEnv, Map<String, String> bindSources, Path workloadSocket) {
        Map<String, Object> body = createOptions();
        body.put("Image", image);
        List<String> env = new ArrayList<>((List<String>) body.getOrDefault("Env", List.of()));
        Map<String, Object> moduleEnv = (Map<String, Object>) module.getOrDefault("env", Map.of());
        moduleEnv.forEach((k, v) -> env.add(k + "=" + ((Map<String, Object>) v).get("value")));
        edgeEnv.forEach((k, v) -> env.add(k + "=" + v));
        body.put("Env", env);
        Map<String, Object> labels = new LinkedHashMap<>((Map<String, Object>) body.getOrDefault("Labels", Map.of()));
        labels.put("net.azure-devices.edge.owner", "Microsoft.Azure.Devices.Edge.Agent");
        labels.put("net.azure-devices.edge.version", String.valueOf(module.get("version")));
        body.put("Labels", labels);
        Map<String, Object> host = new LinkedHashMap<>((Map<String, Object>) body.getOrDefault("HostConfig", Map.of()));
        List<String> binds = new ArrayList<>();
        for (String b : (List<String>) host.getOrDefault("Binds", List.of())) {
            int colon = b.indexOf(':');
            String source = b.substring(0, colon);
            binds.add(bindSources.getOrDefault(source, source) + b.substring(colon));
        }
        binds.add(workloadSocket + ":" + WORKLOAD_SOCKET);
        host.put("Binds", binds);
        host.put("NetworkMode", "host");
        body.put("HostConfig", host);
        return body;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map ? deepCopy((Map<String, Object>) v) : v));
        return out;
    }
}
