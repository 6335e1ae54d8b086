package io.edgesec.transport.edgehub.internal;

import java.util.Map;

/**
 * Whether the agent runs as an IoT Edge module: the edge agent sets the {@code IOTEDGE_*}
 * variables (the workload API signs tokens and serves the trust bundle); the IoT Edge simulator
 * sets {@code EdgeHubConnectionString} (and {@code EdgeModuleCACertificateFile}). Same rule as
 * the launcher's edge mode.
 */
final class EdgeEnvironment {
    static final String EDGEHUB_CONNECTION_STRING = "EdgeHubConnectionString";
    static final String[] WORKLOAD_VARIABLES = {"IOTEDGE_WORKLOADURI", "IOTEDGE_DEVICEID", "IOTEDGE_MODULEID",
        "IOTEDGE_IOTHUBHOSTNAME", "IOTEDGE_MODULEGENERATIONID", "IOTEDGE_AUTHSCHEME"};

    private EdgeEnvironment() {
    }

    static boolean present(Map<String, String> env) {
        if (nonEmpty(env.get(EDGEHUB_CONNECTION_STRING))) {
            return true;
        }
        return nonEmpty(env.get("IOTEDGE_MODULEID")) && nonEmpty(env.get("IOTEDGE_DEVICEID"))
                && nonEmpty(env.get("IOTEDGE_IOTHUBHOSTNAME"));
    }

    /** @return what is missing for the SDK's workload-API path, or null if nothing */
    static String missing(Map<String, String> env) {
        if (nonEmpty(env.get(EDGEHUB_CONNECTION_STRING))) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String v : WORKLOAD_VARIABLES) {
            if (!nonEmpty(env.get(v))) {
                sb.append(sb.length() == 0 ? "" : ", ").append(v);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** @return a description of the identity for logs (never a secret) */
    static String describe(Map<String, String> env) {
        if (nonEmpty(env.get(EDGEHUB_CONNECTION_STRING))) {
            return "IoT Edge simulator connection string (EdgeHubConnectionString)";
        }
        return "IoT Edge module " + env.get("IOTEDGE_DEVICEID") + "/" + env.get("IOTEDGE_MODULEID")
                + " via gateway " + env.getOrDefault("IOTEDGE_GATEWAYHOSTNAME", "(none)");
    }

    static boolean nonEmpty(String s) {
        return s != null && !s.isBlank();
    }
}
