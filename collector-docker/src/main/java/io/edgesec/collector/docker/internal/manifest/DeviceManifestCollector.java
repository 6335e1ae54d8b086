package io.edgesec.collector.docker.internal.manifest;

import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.api.manifest.ManifestAnalysis;
import io.edgesec.collector.docker.internal.StatusEvents;
import io.edgesec.collector.docker.internal.inventory.ContainerScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code docker-manifest}: rebuilds the deployment manifest from the IoT Edge containers on the
 * device, hands it to the manifest analyzer when one is installed (source {@code runtime}) and
 * returns its Recommendation events, and, when an expected manifest file is configured, one
 * Recommendation event per difference between that file and what runs (see
 * {@link ManifestDrift} for the payload).
 */
public final class DeviceManifestCollector implements PeriodicCollector {
    public static final String NAME = "docker-manifest";
    public static final String ANALYSIS_SOURCE = "runtime";

    private final ContainerScanner scanner;
    private final Supplier<ManifestAnalysis> analysis;
    private final Path expectedManifest;
    private final String engineSource;
    private volatile String lastManifest;

    /** @param expectedManifest the manifest the device should run, or null for no drift check */
    public DeviceManifestCollector(ContainerScanner scanner, Supplier<ManifestAnalysis> analysis, Path expectedManifest,
            String engineSource) {
        this.scanner = scanner;
        this.analysis = analysis;
        this.expectedManifest = expectedManifest;
        this.engineSource = engineSource;
    }

    /** @return the manifest rebuilt by the last {@link #collect()}, or null */
    public String lastManifest() {
        return lastManifest;
    }

    @Override
    public List<SecurityEvent> collect() {
        List<SecurityEvent> out = new ArrayList<>();
        List<ModuleSpec> running;
        try {
            List<Map<String, Object>> containers = new ArrayList<>();
            Map<String, Map<String, Object>> images = new HashMap<>();
            for (ContainerScanner.Scanned s : scanner.scan()) {
                containers.add(s.container());
                if (s.image() != null) {
                    images.put((String) s.container().get("Image"), s.image());
                }
            }
            running = RuntimeModules.fromContainers(containers, images);
        } catch (RuntimeException e) {
            out.add(StatusEvents.status(NAME, StatusEvents.SOURCE_UNAVAILABLE, engineSource,
                    "container engine unreachable: " + StatusEvents.describe(e), -1));
            return out;
        }
        String manifest = ManifestWriter.toJson(running);
        lastManifest = manifest;
        ManifestAnalysis analyzer = analysis.get();
        if (analyzer != null && !running.isEmpty()) {
            try {
                out.addAll(analyzer.analyze(manifest, ANALYSIS_SOURCE));
            } catch (RuntimeException e) {
                out.add(StatusEvents.status(NAME, StatusEvents.PARSE_ERROR, ANALYSIS_SOURCE,
                        "the manifest analyzer rejected the rebuilt manifest: " + StatusEvents.describe(e), -1));
            }
        }
        if (expectedManifest != null) {
            out.addAll(drift(running));
        }
        return out;
    }

    private List<SecurityEvent> drift(List<ModuleSpec> running) {
        List<SecurityEvent> out = new ArrayList<>();
        List<ModuleSpec> expected;
        try {
            expected = ExpectedManifest.parse(Files.readString(expectedManifest, StandardCharsets.UTF_8));
        } catch (IOException e) {
            out.add(StatusEvents.status(NAME, StatusEvents.CONFIGURATION_PROBLEM, expectedManifest.toString(),
                    "expected manifest cannot be read: " + StatusEvents.describe(e), -1));
            return out;
        } catch (JsonDocumentException e) {
            out.add(StatusEvents.status(NAME, StatusEvents.CONFIGURATION_PROBLEM, expectedManifest.toString(),
                    "expected manifest " + expectedManifest + " is not valid: " + e.getMessage(), -1));
            return out;
        }
        for (Map<String, Object> finding : ManifestDrift.compare(expected, running, expectedManifest.toString())) {
            out.add(SecurityEvent.builder(EventNames.RECOMMENDATION)
                    .category(EventCategory.PERIODIC)
                    .payload(finding)
                    .build());
        }
        return out;
    }
}
