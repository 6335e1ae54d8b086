package io.edgesec.collector.system.internal.software;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = SoftwareInventoryConfig.PID, name = "edgesec software inventory collector",
        description = "SoftwareInventory: installed packages (dpkg, apk, rpm) and loaded kernel modules, with changes.")
public @interface SoftwareInventoryConfig {
    String PID = "io.edgesec.collector.softwareinventory";

    @AttributeDefinition(description = "The device's root file system: / standalone, /host in a container.")
    String hostRoot() default "/";

    @AttributeDefinition(name = "Period", description = "ISO-8601 period; empty: the agent's snapshotFrequency.")
    String edgesec_collector_period() default "";

    @AttributeDefinition(description = "Read an rpm database through the rpm tool where both exist.")
    boolean rpm() default true;
}
