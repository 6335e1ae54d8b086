package io.edgesec.launcher;

import java.util.Map;

/** Whether the agent runs as an IoT Edge module (the edge agent sets these variables). */
final class EdgeEnvironment {
    private EdgeEnvironment() {
    }

    static boolean present(Map<String, String> env) {
        if (env.containsKey("EdgeHubConnectionString")) {
            return true; // the IoT Edge simulator's way
        }
        return env.containsKey("IOTEDGE_MODULEID") && env.containsKey("IOTEDGE_DEVICEID")
                && env.containsKey("IOTEDGE_IOTHUBHOSTNAME");
    }
}
