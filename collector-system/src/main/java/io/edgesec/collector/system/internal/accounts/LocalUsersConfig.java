package io.edgesec.collector.system.internal.accounts;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = LocalUsersConfig.PID, name = "edgesec local users collector",
        description = "LocalUsers: accounts, groups and password states (never hashes), and their changes.")
public @interface LocalUsersConfig {
    String PID = "io.edgesec.collector.localusers";

    @AttributeDefinition(description = "The device's root file system: / standalone, /host in a container.")
    String hostRoot() default "/";

    @AttributeDefinition(name = "Period", description = "ISO-8601 period; empty: the agent's snapshotFrequency.")
    String edgesec_collector_period() default "";
}
