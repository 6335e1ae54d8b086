package io.edgesec.api.config;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Applies a configuration document shaped like the module twin's desired properties:
 *
 * <pre>
 * {
 *   "ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration": {
 *     "highPriorityMessageFrequency": {"value": "PT1M"}, ...      (the Azure agent's keys)
 *   },
 *   "edgesec": {
 *     "io.edgesec.collector.process": {"procRoot": "/host/proc"}, ...   (PID to properties)
 *   }
 * }
 * </pre>
 *
 * All or nothing: every value is checked against the target component's metatype (and the
 * Azure keys' own rules) first; if anything is wrong, nothing changes and the result names each
 * key and why. Values are merged over the metatype defaults and the current configuration.
 */
@ProviderType
public interface ConfigurationApplier {
    /** The Azure agent's configuration object in the module twin. */
    String AZURE_SECTION = "ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration";
    /** edgesec's own section: configuration PID to properties. */
    String EDGESEC_SECTION = "edgesec";

    /**
     * @param document the desired configuration; sections absent are left as they are
     * @param source   where it came from (a file path, {@code twin}), for error reports
     */
    ApplyResult apply(Map<String, Object> document, String source);

    /** @return the effective configuration in the same shape (for reported properties) */
    Map<String, Object> effective();
}
