package io.edgesec.api.manifest;

import io.edgesec.api.event.SecurityEvent;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Analyzes an IoT Edge deployment manifest (the JSON of a deployment, or one rebuilt from the
 * running containers) and returns one Recommendation event per finding.
 */
@ProviderType
public interface ManifestAnalysis {
    /**
     * @param manifestJson the manifest text
     * @param source       where it came from (file path, {@code twin}, {@code runtime}); goes into
     *                     each finding
     * @return recommendation events, one per finding; never null
     * @throws IllegalArgumentException if the text cannot be parsed (message names line and column)
     */
    List<SecurityEvent> analyze(String manifestJson, String source);
}
