package io.edgesec.collector.system.internal.recommend;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = OpenPortsConfig.PID, name = "edgesec open ports recommendation",
        description = "IoT_OpenPorts from the ListeningPorts events: listening endpoints on non-loopback addresses not on the allowed list.")
public @interface OpenPortsConfig {
    String PID = "io.edgesec.recommendation.openports";

    @AttributeDefinition(description = "Ports that may listen: PORT, LOW-HIGH, optionally /tcp or /udp (e.g. 22/tcp, 8883, 5671-5672/tcp).")
    String[] allowedPorts() default {};

    @AttributeDefinition(description = "Raise IoT_OpenPorts.")
    boolean enabled() default true;
}
