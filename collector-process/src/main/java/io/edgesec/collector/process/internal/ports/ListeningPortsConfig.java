package io.edgesec.collector.process.internal.ports;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ListeningPortsConfig.PID, name = "edgesec listening ports collector",
        description = "ListeningPorts snapshots from /proc/<pid>/net of every network namespace.")
public @interface ListeningPortsConfig {
    String PID = "io.edgesec.collector.listeningports";

    @AttributeDefinition(description = "proc file system to read: /proc on the host, /host/proc in a container.")
    String procRoot() default "/proc";

    @AttributeDefinition(name = "Period", description = "ISO-8601 period; empty: the agent's snapshotFrequency.")
    String edgesec_collector_period() default "";

    @AttributeDefinition(description = "Also report sockets of other network namespaces (containers).")
    boolean allNamespaces() default true;
}
