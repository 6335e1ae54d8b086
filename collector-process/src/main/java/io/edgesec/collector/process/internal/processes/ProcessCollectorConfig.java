package io.edgesec.collector.process.internal.processes;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ProcessCollectorConfig.PID, name = "edgesec process collector",
        description = "Process start and exit seen between /proc scans, and an optional process snapshot.")
public @interface ProcessCollectorConfig {
    String PID = "io.edgesec.collector.process";

    @AttributeDefinition(description = "proc file system to read: /proc on the host, /host/proc in a container.")
    String procRoot() default "/proc";

    @AttributeDefinition(name = "Scan period", description = "How often /proc is scanned (ISO-8601). "
            + "A process that starts and ends between two scans is not seen: audit is the precise source.")
    String edgesec_collector_period() default "PT5S";

    @AttributeDefinition(description = "Emit ProcessCreate for processes that appear between scans.")
    boolean reportCreate() default true;

    @AttributeDefinition(description = "Emit ProcessTerminate for processes that disappear between scans.")
    boolean reportTerminate() default true;

    @AttributeDefinition(description = "Emit a ProcessSnapshot event (an edgesec extension kind, sent in its own "
            + "messages) with every running process, at this period (ISO-8601); empty: never.")
    String processSnapshotPeriod() default "";
}
