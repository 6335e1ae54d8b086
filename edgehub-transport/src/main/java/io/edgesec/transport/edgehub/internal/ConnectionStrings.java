package io.edgesec.transport.edgehub.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads IoT Hub connection strings without ever letting the key reach a log. */
final class ConnectionStrings {
    private ConnectionStrings() {
    }

    /** @return name to value; names as written */
    static Map<String, String> parse(String cs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : cs.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** Case-insensitive lookup (the SDK accepts {@code moduleId} and {@code ModuleId}). */
    static String get(Map<String, String> parts, String name) {
        for (Map.Entry<String, String> e : parts.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue().isEmpty() ? null : e.getValue();
            }
        }
        return null;
    }

    /** @return host, device, module and gateway: everything but the secrets */
    static String describe(String cs) {
        Map<String, String> p = parse(cs);
        String module = get(p, "ModuleId");
        String gateway = get(p, "GatewayHostName");
        return (module != null ? "module " + get(p, "DeviceId") + "/" + module : "device " + get(p, "DeviceId"))
                + " of " + get(p, "HostName") + (gateway != null ? " via gateway " + gateway : "");
    }
}
