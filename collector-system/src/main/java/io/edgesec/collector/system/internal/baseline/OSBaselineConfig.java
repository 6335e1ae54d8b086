package io.edgesec.collector.system.internal.baseline;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The OSBaseline collector's settings. The custom-check keys are the Azure twin's
 * ({@code baselineCustomChecksEnabled}, {@code ...FilePath}, {@code ...FileHash}): the
 * configuration bundle puts them on the aggregator's PID, and this component reads that PID too
 * (see {@link OSBaselineCollector}), so the twin keeps its Azure shape.
 */
@ObjectClassDefinition(id = OSBaselineConfig.PID, name = "edgesec OS baseline collector",
        description = "OSBaseline: the OMS baseline checks (and the twin's custom checks) over the device's root file system.")
public @interface OSBaselineConfig {
    String PID = "io.edgesec.collector.osbaseline";

    @AttributeDefinition(description = "The device's root file system: / standalone, /host in a container.")
    String hostRoot() default "/";

    @AttributeDefinition(name = "Period", description = "ISO-8601 period; empty: the agent's snapshotFrequency.")
    String edgesec_collector_period() default "";

    @AttributeDefinition(description = "Also send the checks that passed (the Azure agents sent failures and errors only).")
    boolean includePassed() default false;

    @AttributeDefinition(description = "Raise IoT_Baseline when checks fail.")
    boolean recommendations() default true;

    @AttributeDefinition(description = "Twin key (aggregator PID): run the custom checks file too.")
    boolean baselineCustomChecksEnabled() default false;

    @AttributeDefinition(description = "Twin key (aggregator PID): the custom checks file, a device path.")
    String baselineCustomChecksFilePath() default "";

    @AttributeDefinition(description = "Twin key (aggregator PID): the file's SHA-256 in hex; the file is refused unless it matches.")
    String baselineCustomChecksFileHash() default "";
}
