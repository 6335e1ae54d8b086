package io.edgesec.configuration.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The device's own limits on what the module twin may configure. Read from the local
 * configuration only ({@code --config}, the image): the twin can never set this PID, nor any
 * setting listed in {@link #localOnly()}.
 */
@ObjectClassDefinition(id = DevicePolicyConfig.PID, name = "edgesec device policy",
        description = "What the module twin may configure; set only in the device's local configuration.")
public @interface DevicePolicyConfig {
    String PID = "io.edgesec.policy";

    @AttributeDefinition(cardinality = 200, max = "256", description = "Configuration PIDs the twin may set; a trailing * "
            + "matches any rest (io.edgesec.collector.*); * alone: every PID.")
    String[] twinPids() default {"*"};

    @AttributeDefinition(cardinality = 200, max = "256", description = "Settings the twin may never change: a PID (all its "
            + "properties) or PID/property. The default lists everything that bounds the twin's power or names a file, "
            + "directory, socket or program on the device.")
    String[] localOnly() default {
        "io.edgesec.policy",
        "io.edgesec.bundles/enabled",
        "io.edgesec.bundles/dataDir",
        "io.edgesec.bundles/allowedSources",
        "io.edgesec.bundles/maxBundleSizeInBytes",
        "io.edgesec.transport.edgehub/connectionString",
        "io.edgesec.transport.edgehub/trustBundleFile",
        "io.edgesec.transport.edgehub/protocol",
        "io.edgesec.transport.edgehub/twinEnabled",
        "io.edgesec.transport.file",
        "io.edgesec.aggregator/spoolDirectory",
        "io.edgesec.aggregator/agentId",
        "io.edgesec.collector.audit/logPath",
        "io.edgesec.collector.audit/stateDirectory",
        "io.edgesec.collector.audit/socketPath",
        "io.edgesec.collector.audit/passwdPath",
        "io.edgesec.collector.audit/auditctlPath",
        "io.edgesec.collector.audit/installRules",
        "io.edgesec.collector.audit/hostRoot",
        "io.edgesec.collector.docker/dockerHost",
        "io.edgesec.collector.docker/procRoot",
        "io.edgesec.collector.docker/expectedManifest",
        "io.edgesec.collector.process/procRoot",
        "io.edgesec.collector.listeningports/procRoot",
        "io.edgesec.manifest/manifestPaths",
        "io.edgesec.detector/ruleFiles",
        "io.edgesec.collector.systeminformation/hostRoot",
        "io.edgesec.collector.localusers/hostRoot",
        "io.edgesec.collector.osbaseline/hostRoot",
        "io.edgesec.collector.softwareinventory/hostRoot",
        "io.edgesec.collector.softwareinventory/rpm",
        "io.edgesec.collector.firewall/netns"
    };
}
