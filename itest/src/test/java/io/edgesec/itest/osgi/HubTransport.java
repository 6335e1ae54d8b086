package io.edgesec.itest.osgi;

import static org.junit.Assert.assertEquals;

import io.edgesec.api.config.ApplyResult;
import io.edgesec.api.config.ConfigurationApplier;
import io.edgesec.transport.edgehub.internal.TlsMosquitto;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;

/** The hub transport's settings for the edgeHub stand-in, given to it as the agent does: through the real ConfigurationApplier. */
final class HubTransport {
    static final String BSN = "io.edgesec.edgehub-transport";
    static final String COMPONENT = "io.edgesec.transport.edgehub.internal.EdgeHubTransport";
    static final String PID = "io.edgesec.transport.edgehub";
    /** The transport's service filter. */
    static final String EDGEHUB = "(edgesec.transport.name=edgehub)";
    /** What the twin reports for a secret it was given (the connection string), instead of its value. */
    static final String NOT_REPORTED = "(set, not reported)";

    private HubTransport() {
    }

    /** A module connection string for {@code device} with a fresh key, through the stand-in's TLS broker, quick reconnection. */
    static Map<String, Object> settings(TlsMosquitto broker, String device) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        Map<String, Object> transport = new LinkedHashMap<>();
        transport.put("connectionString", "HostName=testhub.azure-devices.net;DeviceId=" + device + ";ModuleId=edgesec;SharedAccessKey="
                + Base64.getEncoder().encodeToString(k) + ";GatewayHostName=" + broker.address());
        transport.put("trustBundleFile", broker.certificatePem().toString());
        transport.put("reconnectMinBackoff", "PT0.2S");
        transport.put("reconnectMaxBackoff", "PT1S");
        return transport;
    }

    /** The shared access key of {@link #settings}' connection string. */
    static String sharedAccessKey(Map<String, Object> settings) {
        String cs = (String) settings.get("connectionString");
        int at = cs.indexOf("SharedAccessKey=") + "SharedAccessKey=".length();
        return cs.substring(at, cs.indexOf(';', at));
    }

    /** Applies the settings through the real applier (validated against the transport's metatype); they must be accepted. */
    static void apply(BundleContext context, Map<String, Object> settings) throws Exception {
        ApplyResult result = InFramework.service(context, ConfigurationApplier.class, null)
                .apply(Map.of("edgesec", Map.of(PID, settings)), "test");
        assertEquals(List.of(), result.errors());
    }
}
