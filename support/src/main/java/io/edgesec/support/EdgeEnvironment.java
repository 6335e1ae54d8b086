package io.edgesec.support;

import java.util.List;
import java.util.Map;

/**
 * Whether the agent runs as an IoT Edge module, read from the process environment: the edge
 * agent sets the {@code IOTEDGE_*} variables (the workload API signs tokens and serves the trust
 * bundle); the IoT Edge simulator sets {@code EdgeHubConnectionString} (and
 * {@code EdgeModuleCACertificateFile}). One rule for the launcher's edge mode and the hub
 * transport's identity: a variable that is empty (or only white space) counts as absent, since
 * the edge agent never sets one empty and a user clearing a variable does not mean to switch
 * edge mode on.
 */
public final class EdgeEnvironment {
    public static final String EDGEHUB_CONNECTION_STRING = "EdgeHubConnectionString";
    /** What the SDK's workload-API path needs. */
    public static final List<String> WORKLOAD_VARIABLES = List.of("IOTEDGE_WORKLOADURI", "IOTEDGE_DEVICEID",
        "IOTEDGE_MODULEID", "IOTEDGE_IOTHUBHOSTNAME", "IOTEDGE_MODULEGENERATIONID", "IOTEDGE_AUTHSCHEME");
    /** What makes the agent an edge module (the rest of {@link #WORKLOAD_VARIABLES} missing is reported). */
    private static final List<String> IDENTITY_VARIABLES = List.of("IOTEDGE_MODULEID", "IOTEDGE_DEVICEID",
        "IOTEDGE_IOTHUBHOSTNAME");

    private EdgeEnvironment() {
    }

    /** @return whether {@code env} is an IoT Edge module's (or the simulator's) */
    public static boolean present(Map<String, String> env) {
        if (set(env, EDGEHUB_CONNECTION_STRING)) {
            return true;
        }
        for (String v : IDENTITY_VARIABLES) {
            if (!set(env, v)) {
                return false;
            }
        }
        return true;
    }

    /** @return what is missing for the SDK's workload-API path, comma-separated, or null if nothing */
    public static String missing(Map<String, String> env) {
        if (set(env, EDGEHUB_CONNECTION_STRING)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String v : WORKLOAD_VARIABLES) {
            if (!set(env, v)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(v);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** @return a description of the identity for logs (never a secret) */
    public static String describe(Map<String, String> env) {
        if (set(env, EDGEHUB_CONNECTION_STRING)) {
            return "IoT Edge simulator connection string (" + EDGEHUB_CONNECTION_STRING + ")";
        }
        return "IoT Edge module " + env.get("IOTEDGE_DEVICEID") + "/" + env.get("IOTEDGE_MODULEID")
                + " via gateway " + (set(env, "IOTEDGE_GATEWAYHOSTNAME") ? env.get("IOTEDGE_GATEWAYHOSTNAME") : "(none)");
    }

    /** @return whether {@code variable} is set to something (empty or blank counts as absent) */
    public static boolean set(Map<String, String> env, String variable) {
        String value = env.get(variable);
        return value != null && !value.isBlank();
    }
}
