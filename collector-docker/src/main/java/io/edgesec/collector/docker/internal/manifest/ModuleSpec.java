package io.edgesec.collector.docker.internal.manifest;

import java.util.Map;

/**
 * One IoT Edge module as a deployment manifest states it: either rebuilt from a running
 * container or read from an expected manifest.
 *
 * @param createOptions         the parsed createOptions, or null when they could not be read
 *                              (then {@code createOptionsProblem} says why)
 * @param env                   variable name to value
 * @param containerId           the container it was rebuilt from, null for an expected module
 */
public record ModuleSpec(String name, String image, String status, String restartPolicy, String version,
        Map<String, Object> createOptions, String createOptionsProblem, Map<String, String> env, String containerId) {

    public static final String EDGE_AGENT = "edgeAgent";
    public static final String EDGE_HUB = "edgeHub";

    public boolean isSystemModule() {
        return EDGE_AGENT.equals(name) || EDGE_HUB.equals(name);
    }
}
