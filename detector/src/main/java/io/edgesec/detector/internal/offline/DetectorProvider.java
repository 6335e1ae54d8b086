package io.edgesec.detector.internal.offline;

import io.edgesec.api.detect.EventDetector;
import io.edgesec.api.detect.EventDetectorProvider;
import io.edgesec.detector.internal.engine.DetectionEngine;
import io.edgesec.detector.internal.engine.DetectorSettings;
import io.edgesec.detector.internal.engine.Rules;
import java.util.Map;

/** The engine for offline commands (edgesec replay), found through java.util.ServiceLoader. */
public final class DetectorProvider implements EventDetectorProvider {
    @Override
    public String name() {
        return "edgesec-detector";
    }

    @Override
    public EventDetector newDetector(Map<String, Object> configuration) {
        DetectorSettings s = new DetectorSettings(configuration);
        return new DetectionEngine(Rules.load(s), s, true);
    }
}
