package io.edgesec.launcher;

import io.edgesec.support.json.JsonDocuments;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code edgesec health}: reads the health file the running agent writes in its data directory
 * every 10 s and exits 0 if the agent is healthy, 1 if not (one line per reason on standard
 * error), 2 on a usage error. The image's HEALTHCHECK runs it; it starts no framework.
 *
 * <p>Unhealthy: no health file, or one older than {@code --max-age} (the agent is not running or
 * hangs); the agent stopped; sends failing for longer than {@code --send-failure-tolerance}
 * with no success since; a required collector (the aggregator's {@code requiredCollectors})
 * down, failing, or never seen.
 */
final class HealthCommand {
    static final String HELP = """
            Usage: edgesec health [--data-dir DIR] [--max-age SECONDS] [--send-failure-tolerance SECONDS] [--verbose]

            Exit 0 when the agent running with this data directory is healthy: its health file
            (DIR/health.json, rewritten every 10 s) is fresh, it is sending (or its sends have not
            failed for longer than the tolerance) and every required collector is running.
            Exit 1 otherwise, naming each reason. Defaults: --max-age 60, --send-failure-tolerance 600,
            --data-dir as for edgesec run.
            """;

    private HealthCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        Path dataDir = null;
        Duration maxAge = Duration.ofSeconds(60);
        Duration tolerance = Duration.ofMinutes(10);
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++i));
                case "--max-age" -> maxAge = seconds(args, ++i);
                case "--send-failure-tolerance" -> tolerance = seconds(args, ++i);
                case "--verbose" -> verbose = true;
                case "--help" -> {
                    out.print(HELP);
                    return 0;
                }
                default -> throw new UsageException("unknown option '" + args[i] + "' (see edgesec health --help)");
            }
        }
        if (dataDir == null) {
            dataDir = RunOptions.parse(new String[0]).dataDir;
        }
        Path file = dataDir.resolve("health.json");
        Map<String, Object> doc;
        try {
            doc = JsonDocuments.object(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            err.println("unhealthy: no " + file + " (the agent has not started with this data directory)");
            return 1;
        } catch (IOException | io.edgesec.support.json.JsonDocumentException | RuntimeException e) {
            err.println("unhealthy: " + file + " unreadable: " + e.getMessage());
            return 1;
        }
        List<String> problems = problems(doc, Instant.now(), maxAge, tolerance);
        if (verbose) {
            out.println(io.edgesec.support.json.JsonText.write(doc));
        }
        if (problems.isEmpty()) {
            out.println("healthy: edgesec " + doc.get("version") + ", last successful send " + path(doc, "sending", "lastSuccessfulSend"));
            return 0;
        }
        problems.forEach(p -> err.println("unhealthy: " + p));
        return 1;
    }

    /** Every reason the document says the agent is unhealthy at {@code now}; empty if healthy. */
    @SuppressWarnings("unchecked")
    static List<String> problems(Map<String, Object> doc, Instant now, Duration maxAge, Duration tolerance) {
        List<String> out = new ArrayList<>();
        Instant written = instant(doc.get("written"));
        if (written == null || written.plus(maxAge).isBefore(now)) {
            out.add("the health file was last written " + (written == null ? "never" : written + ", over " + maxAge.toSeconds() + " s ago")
                    + ": the agent is not running or hangs");
        }
        if (!"running".equals(doc.get("state"))) {
            out.add("the agent is " + doc.get("state"));
        }
        Instant failingSince = instant(path(doc, "sending", "failingSince"));
        if (failingSince != null && failingSince.plus(tolerance).isBefore(now)) {
            out.add("not sending: every send since " + failingSince + " failed (" + path(doc, "sending", "lastError")
                    + "); last success " + path(doc, "sending", "lastSuccessfulSend"));
        }
        Map<String, Object> collectors = doc.get("collectors") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Object required = doc.get("requiredCollectors");
        if (required instanceof List<?> names) {
            for (Object n : names) {
                Object c = collectors.get(String.valueOf(n));
                if (!(c instanceof Map<?, ?> cm)) {
                    out.add("required collector " + n + " is not running (never seen)");
                } else if (!"running".equals(cm.get("state"))) {
                    out.add("required collector " + n + " is " + cm.get("state") + ": " + cm.get("lastStatus") + " " + cm.get("lastMessage"));
                }
            }
        }
        return out;
    }

    private static Object path(Map<String, Object> doc, String... keys) {
        Object v = doc;
        for (String k : keys) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(k);
        }
        return v;
    }

    private static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String value(String[] args, int i) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(args[i - 1] + " needs a value (see edgesec health --help)");
        }
        return args[i];
    }

    private static Duration seconds(String[] args, int i) throws UsageException {
        String v = value(args, i);
        try {
            long s = Long.parseLong(v);
            if (s <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new UsageException(args[i - 1] + " '" + v + "': expected a positive whole number of seconds");
        }
    }
}
