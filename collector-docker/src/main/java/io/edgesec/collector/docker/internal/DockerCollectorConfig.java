package io.edgesec.collector.docker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code io.edgesec.collector.docker}; every property is optional. */
@ObjectClassDefinition(name = "edgesec Docker collector",
        description = "Container inventory, engine events, process-to-container mapping and the manifest rebuilt from the device.")
public @interface DockerCollectorConfig {
    String PID = "io.edgesec.collector.docker";

    @AttributeDefinition(name = "Docker host", description = "Engine API address: unix:///path/to/socket (Docker or "
            + "podman's Docker-compatible socket, e.g. bind-mounted into the module) or tcp://host:port without TLS.")
    String dockerHost() default "unix:///var/run/docker.sock";

    @AttributeDefinition(name = "Inventory period", description = "ISO-8601 duration between container inventories.")
    String inventoryPeriod() default "PT5M";

    @AttributeDefinition(name = "Manifest period", description = "ISO-8601 duration between manifest rebuilds "
            + "(analysis and drift).")
    String manifestPeriod() default "PT15M";

    @AttributeDefinition(name = "Reconnect back-off minimum", description = "ISO-8601; first wait after the engine is lost.")
    String reconnectMinBackoff() default "PT1S";

    @AttributeDefinition(name = "Reconnect back-off maximum", description = "ISO-8601; the wait doubles up to this.")
    String reconnectMaxBackoff() default "PT60S";

    @AttributeDefinition(name = "Request timeout", description = "ISO-8601; longest wait for one engine request.")
    String requestTimeout() default "PT30S";

    @AttributeDefinition(name = "Proc root", description = "The host's /proc, to map process ids to containers "
            + "(/host/proc when the agent runs in a container with the host's /proc mounted there).")
    String procRoot() default "/proc";

    @AttributeDefinition(name = "Expected manifest", required = false, description = "Path of the deployment manifest the "
            + "device should run; differences with the running modules are reported. Empty: no drift check.")
    String expectedManifest() default "";
}
