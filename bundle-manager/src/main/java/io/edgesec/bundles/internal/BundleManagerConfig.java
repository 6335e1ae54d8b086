package io.edgesec.bundles.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where twin-managed bundles may come from, and where their state is kept. */
@ObjectClassDefinition(id = BundleManagerConfig.PID, name = "edgesec bundle management",
        description = "Installs, updates and removes collector bundles listed in the module twin (edgesec.bundles), digest pinned.")
public @interface BundleManagerConfig {
    String PID = "io.edgesec.bundles";

    @AttributeDefinition(description = "Whether the module twin may install, update and remove bundles at all (device policy: "
            + "set in the local configuration only).")
    boolean enabled() default true;

    @AttributeDefinition(required = false, max = "4096",
            description = "Directory for the installed set and the verified jars; empty: <framework property edgesec.data.dir>/bundles, else /var/lib/edgesec/bundles.")
    String dataDir() default "";

    @AttributeDefinition(required = false, cardinality = 100, max = "2048",
            description = "Location prefixes bundles may be installed from (file:/dir/ or https://host/path/); empty: file: under the data directory only.")
    String[] allowedSources() default {};

    @AttributeDefinition(min = "1", description = "Largest bundle jar accepted, in bytes.")
    long maxBundleSizeInBytes() default 67108864L;

    @AttributeDefinition(max = "64", description = "Longest a download may take (ISO-8601 duration).")
    String downloadTimeout() default "PT2M";
}
