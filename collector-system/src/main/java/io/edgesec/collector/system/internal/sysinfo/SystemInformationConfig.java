package io.edgesec.collector.system.internal.sysinfo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = SystemInformationConfig.PID, name = "edgesec system information collector",
        description = "SystemInformation: OS, kernel, hardware, memory, IoT Edge runtime and container engine.")
public @interface SystemInformationConfig {
    String PID = "io.edgesec.collector.systeminformation";

    @AttributeDefinition(description = "The device's root file system: / standalone, /host in a container (its proc and sys included).")
    String hostRoot() default "/";

    @AttributeDefinition(name = "Period", description = "ISO-8601 period; empty: the agent's snapshotFrequency.")
    String edgesec_collector_period() default "";
}
