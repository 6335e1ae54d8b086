package io.edgesec.transport.edgehub.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * How the agent reaches its hub. Inside IoT Edge (the {@code IOTEDGE_*} variables, or the
 * simulator's {@code EdgeHubConnectionString}) nothing needs configuring: the identity comes from
 * the environment. Elsewhere a module or device connection string makes the agent use a hub.
 */
@ObjectClassDefinition(id = EdgeHubConfig.PID, name = "edgesec IoT Edge hub transport",
        description = "Sends security messages through the IoT Edge hub (or an IoT hub) and takes configuration from the module twin.")
public @interface EdgeHubConfig {
    String PID = "io.edgesec.transport.edgehub";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, max = "4096",
            description = "Module or device connection string (HostName=...;DeviceId=...;[ModuleId=...;]SharedAccessKey=...[;GatewayHostName=...]). "
                    + "Used only outside IoT Edge. A secret: never logged.")
    String connectionString() default "";

    @AttributeDefinition(description = "Protocol to the hub (AMQPS is not offered: the bundle carries no AMQP library).",
            options = {@Option(value = "MQTT"), @Option(value = "MQTT_WS")})
    String protocol() default "MQTT";

    @AttributeDefinition(required = false, max = "4096",
            description = "PEM file of the certificates to trust for the hub or gateway (with a connection string); empty: the SDK's defaults.")
    String trustBundleFile() default "";

    @AttributeDefinition(max = "64", description = "Longest wait for the hub to acknowledge a message (ISO-8601 duration); then the send fails and the events stay queued.")
    String sendTimeout() default "PT60S";

    @AttributeDefinition(max = "64", description = "First wait before reconnecting after a failed connection (ISO-8601 duration).")
    String reconnectMinBackoff() default "PT1S";

    @AttributeDefinition(max = "64", description = "Longest wait between reconnection attempts (ISO-8601 duration).")
    String reconnectMaxBackoff() default "PT2M";

    @AttributeDefinition(description = "Take configuration from the module twin's desired properties and report the effective configuration.")
    boolean twinEnabled() default true;
}
