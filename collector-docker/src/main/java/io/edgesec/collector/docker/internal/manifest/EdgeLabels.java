package io.edgesec.collector.docker.internal.manifest;

import io.edgesec.collector.docker.internal.JsonValues;
import java.util.Map;

/**
 * The {@code net.azure-devices.edge.*} labels that the IoT Edge runtime (edge agent and
 * edgelet) puts on the containers it creates.
 */
public final class EdgeLabels {
    public static final String PREFIX = "net.azure-devices.edge.";
    public static final String OWNER = PREFIX + "owner";
    public static final String OWNER_EDGE_AGENT = "Microsoft.Azure.Devices.Edge.Agent";
    public static final String CREATE_OPTIONS = PREFIX + "create-options";
    public static final String NORMALIZED_CREATE_OPTIONS = PREFIX + "normalizedCreateOptions";
    public static final String ENV = PREFIX + "env";
    public static final String VERSION = PREFIX + "version";
    public static final String RESTART_POLICY = PREFIX + "restartPolicy";
    public static final String DESIRED_STATUS = PREFIX + "desiredStatus";
    public static final String ORIGINAL_IMAGE = PREFIX + "original-image";
    public static final String CONFIGURATION_ID = PREFIX + "configurationId";
    /** Only the Kubernetes mode sets it; in Docker mode the container name is the module name. */
    public static final String MODULE = PREFIX + "module";

    private EdgeLabels() {
    }

    /** @return the container's labels ({@code Config.Labels} of inspect), never null */
    public static Map<String, Object> of(Map<String, Object> inspect) {
        Map<String, Object> labels = JsonValues.mapAt(inspect, "Config", "Labels");
        return labels == null ? Map.of() : labels;
    }

    /** @return true for a container that the IoT Edge runtime created */
    public static boolean isEdgeModule(Map<String, Object> inspect) {
        Map<String, Object> labels = of(inspect);
        return OWNER_EDGE_AGENT.equals(labels.get(OWNER)) || labels.containsKey(CREATE_OPTIONS);
    }

    /** @return the IoT Edge module name (the container name in Docker mode), or null */
    public static String moduleName(Map<String, Object> inspect) {
        if (!isEdgeModule(inspect)) {
            return null;
        }
        String label = JsonValues.text(of(inspect).get(MODULE));
        return label != null ? label : containerName(inspect);
    }

    public static String containerName(Map<String, Object> inspect) {
        String name = JsonValues.stringAt(inspect, "Name");
        if (name == null) {
            return null;
        }
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
