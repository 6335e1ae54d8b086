package io.edgesec.transport.edgehub.internal;

import io.edgesec.support.Errors;
import io.edgesec.support.json.JsonDocuments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The agent's health in the module twin's reported properties, under {@code edgesec.health}:
 * the health file the aggregator writes in the data directory ({@code health.json}: version,
 * each collector's state and last success, queues, spool, sends, bundles), read every 30 s and
 * reported when its significant part (states, version, bundles, whether sends fail) changed, or
 * every 15 minutes; never more often than every 30 s (reported properties count against the
 * hub's quotas). Kept apart from the configuration's reported properties (TwinBridge).
 */
final class HealthReporter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HealthReporter.class.getName());
    static final String HEALTH = "health";
    static final Duration CHECK = Duration.ofSeconds(30);
    static final Duration REFRESH = Duration.ofMinutes(15);
    /**
     * Larger than this, the file is not reported (a twin's reported properties are bounded; this
     * share and {@link ReportedBudget#MAX_BYTES} add up to less than IoT Hub's 32 KB). A health
     * file of an agent with 20 bundles and its collectors is about 4 KB.
     */
    static final int MAX_BYTES = 8 * 1024;

    private final Path file;
    private final TwinBridge.Reporter reporter;
    private final java.util.function.BooleanSupplier connected;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "edgesec-health-report");
        t.setDaemon(true);
        return t;
    });
    private String lastSignificant;
    private Instant lastReport = Instant.EPOCH;

    HealthReporter(Path dataDir, TwinBridge.Reporter reporter, java.util.function.BooleanSupplier connected) {
        this.file = dataDir.resolve("health.json");
        this.reporter = reporter;
        this.connected = connected;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::check, 5, CHECK.toSeconds(), TimeUnit.SECONDS);
    }

    /** Reads the file and reports it if due; public to the package for tests. */
    void check() {
        try {
            if (!connected.getAsBoolean() || !Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return;
            }
            Map<String, Object> doc = JsonDocuments.object(Files.readString(file, StandardCharsets.UTF_8));
            String significant = significant(doc);
            Instant now = Instant.now();
            if (significant.equals(lastSignificant) && now.isBefore(lastReport.plus(REFRESH))) {
                return;
            }
            Map<String, Object> edgesec = new LinkedHashMap<>();
            edgesec.put(HEALTH, TwinValues.encodeKeys(doc));
            reporter.report(Map.of("edgesec", edgesec));
            lastSignificant = significant;
            lastReport = now;
        } catch (Exception | LinkageError e) {
            LOG.fine("health not reported: " + Errors.describe(e));
        }
    }

    /** What a change of is worth a report at once: everything but counters and times. */
    @SuppressWarnings("unchecked")
    static String significant(Map<String, Object> doc) {
        StringBuilder sb = new StringBuilder();
        sb.append(doc.get("version")).append('|').append(doc.get("state")).append('|');
        if (doc.get("sending") instanceof Map<?, ?> s) {
            sb.append(s.get("failingSince") != null).append('|');
        }
        if (doc.get("collectors") instanceof Map<?, ?> cs) {
            ((Map<String, Object>) cs).forEach((n, c) -> sb.append(n).append('=')
                    .append(c instanceof Map<?, ?> m ? m.get("state") : null).append(','));
        }
        sb.append('|').append(doc.get("bundles"));
        return sb.toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
