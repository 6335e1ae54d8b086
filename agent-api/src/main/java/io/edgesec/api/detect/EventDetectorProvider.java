package io.edgesec.api.detect;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Found by {@link java.util.ServiceLoader} ({@code META-INF/services/io.edgesec.api.detect.EventDetectorProvider})
 * so an offline command can run a detector it does not name. The launcher puts every bundle
 * whose manifest says {@code EdgeSec-Command-Extension: true} on the class path of the offline
 * commands, so such a bundle's provider must use only the JDK and agent-api on this path.
 */
@ConsumerType
public interface EventDetectorProvider {
    /** @return a short name for messages, e.g. {@code edgesec-detector} */
    String name();

    /**
     * @param configuration the detector's configuration properties (as under its PID in the
     *                      {@code edgesec} configuration section); empty for the defaults
     * @throws IllegalArgumentException naming a bad configuration value
     */
    EventDetector newDetector(Map<String, Object> configuration);
}
