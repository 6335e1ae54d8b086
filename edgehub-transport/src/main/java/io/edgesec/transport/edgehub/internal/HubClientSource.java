package io.edgesec.transport.edgehub.internal;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.InternalClient;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.auth.IotHubSSLContext;
import io.edgesec.support.EdgeEnvironment;
import java.util.Locale;
import java.util.Map;

/**
 * Where a hub client comes from: the IoT Edge environment (the SDK's own
 * {@code ModuleClient.createFromEnvironment}, which reads the process environment, talks to the
 * workload API for signatures and the trust bundle, or uses the simulator's connection string),
 * or a configured module or device connection string.
 */
abstract class HubClientSource {
    private final IotHubClientProtocol protocol;

    private HubClientSource(IotHubClientProtocol protocol) {
        this.protocol = protocol;
    }

    IotHubClientProtocol protocol() {
        return protocol;
    }

    /** @return a new, unopened client */
    abstract InternalClient create() throws Exception;

    /** @return what it connects as, for logs; never contains a secret */
    abstract String describe();

    /**
     * @return the source for this environment and configuration, or null if there is none (not
     *         in IoT Edge and no connection string): then no hub transport is offered
     */
    static HubClientSource choose(Map<String, String> env, EdgeHubConfig config) {
        IotHubClientProtocol protocol = protocol(config.protocol());
        if (EdgeEnvironment.present(env)) {
            return new FromEnvironment(protocol, env);
        }
        String cs = config.connectionString();
        if (cs != null && !cs.isBlank()) {
            return new FromConnectionString(protocol, cs.trim(), config.trustBundleFile());
        }
        return null;
    }

    static IotHubClientProtocol protocol(String name) {
        String n = name == null ? "MQTT" : name.trim().toUpperCase(Locale.ROOT);
        return switch (n) {
            case "MQTT" -> IotHubClientProtocol.MQTT;
            case "MQTT_WS" -> IotHubClientProtocol.MQTT_WS;
            // the SDK has them, but their library (proton-j) is not embedded: untested, so not offered
            case "AMQPS", "AMQPS_WS" -> throw new IllegalArgumentException("protocol '" + name
                    + "' is not offered (no AMQP library in this bundle): use MQTT or MQTT_WS");
            default -> throw new IllegalArgumentException("protocol '" + name + "' is not one of MQTT, MQTT_WS");
        };
    }

    /** Inside IoT Edge: the SDK's createFromEnvironment, for real. */
    private static final class FromEnvironment extends HubClientSource {
        private final Map<String, String> env;

        FromEnvironment(IotHubClientProtocol protocol, Map<String, String> env) {
            super(protocol);
            this.env = env;
        }

        @Override
        InternalClient create() throws Exception {
            String missing = EdgeEnvironment.missing(env);
            if (missing != null) {
                throw new IllegalStateException("IoT Edge environment incomplete, missing " + missing);
            }
            // The SDK reads System.getenv() itself; this.env is that same map in production.
            return ModuleClient.createFromEnvironment(new JdkUnixDomainSocketChannel(), protocol());
        }

        @Override
        String describe() {
            return EdgeEnvironment.describe(env) + " over " + protocol();
        }
    }

    /** A module or device connection string from the configuration. */
    private static final class FromConnectionString extends HubClientSource {
        private final String connectionString;
        private final String trustBundleFile;

        FromConnectionString(IotHubClientProtocol protocol, String connectionString, String trustBundleFile) {
            super(protocol);
            this.connectionString = connectionString;
            this.trustBundleFile = trustBundleFile == null ? "" : trustBundleFile.trim();
        }

        @Override
        InternalClient create() throws Exception {
            ClientOptions.ClientOptionsBuilder options = ClientOptions.builder();
            if (!trustBundleFile.isEmpty()) {
                options.sslContext(IotHubSSLContext.getSSLContextFromFile(trustBundleFile));
            }
            Map<String, String> parts = ConnectionStrings.parse(connectionString);
            if (ConnectionStrings.get(parts, "ModuleId") != null) {
                return new ModuleClient(connectionString, protocol(), options.build());
            }
            return new DeviceClient(connectionString, protocol(), options.build());
        }

        @Override
        String describe() {
            return ConnectionStrings.describe(connectionString) + " over " + protocol()
                    + (trustBundleFile.isEmpty() ? "" : ", trusting " + trustBundleFile);
        }
    }
}
