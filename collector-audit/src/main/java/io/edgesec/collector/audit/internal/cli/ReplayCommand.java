package io.edgesec.collector.audit.internal.cli;

import io.edgesec.api.detect.EventDetector;
import io.edgesec.api.detect.EventDetectorProvider;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.events.EventKind;
import io.edgesec.support.CommandArgs;
import io.edgesec.support.UserNames;
import io.edgesec.collector.audit.internal.pipeline.AuditCounters;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import io.edgesec.collector.audit.internal.source.LineSplitter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * {@code edgesec replay --audit-log FILE [--format jsonl|text] [--alerts-only]}: runs the
 * collector's pipeline over a raw audit log from any device, and every detector found on the
 * class path (agent-api's {@link EventDetectorProvider} through {@link ServiceLoader}; the
 * launcher adds the bundles marked {@code EdgeSec-Command-Extension}) over its events. jsonl:
 * one event per line, then one line per alert; text: a summary, alerts by severity with their
 * evidence. Parse errors and loss go to stderr. Runs outside OSGi from a class loader holding only
 * agent-api, this bundle and such extensions: JDK and agent-api only on this path.
 * Exit 0: done (even with counted parse errors); 2: bad arguments or unreadable file.
 */
public final class ReplayCommand {
    static final String USAGE = String.join("\n",
            "usage: edgesec replay --audit-log FILE [--format jsonl|text] [--alerts-only] [--detector-config FILE]",
            "  Parses a raw Linux audit log (auditd's audit.log, RAW or ENRICHED format) offline, prints the",
            "  events the audit collector would send (ProcessCreate, ConnectionCreate, Login, AccountChange)",
            "  and then the alerts the detector raises over them (IOTA-001 ...).",
            "  A summary of parse errors and lost records goes to stderr.",
            "options:",
            "  --audit-log FILE        the log to read ('-' for standard input)",
            "  --format jsonl          one JSON event per line, then one JSON Alert event per line (default)",
            "  --format text           a summary: alerts by severity, each with its evidence",
            "  --alerts-only           leave the events out",
            "  --detector-config FILE  the detector's settings, as under \"io.edgesec.detector\" in a",
            "                          configuration file ({\"edgesec\": {\"io.edgesec.detector\": {...}}} or the bare object)",
            "  --help                  this text");

    private ReplayCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String file = null;
        String format = "jsonl";
        boolean alertsOnly = false;
        String detectorConfig = null;
        CommandArgs arguments = new CommandArgs(args, () -> out.println(USAGE));
        for (String a = arguments.next(); a != null; a = arguments.next()) {
            switch (a) {
                case "--audit-log" -> {
                    file = arguments.value();
                    if (file == null) {
                        return usage(err, "--audit-log needs a file");
                    }
                }
                case "--format" -> {
                    format = arguments.value();
                    if (format == null) {
                        return usage(err, "--format needs a value (jsonl or text)");
                    }
                }
                case "--alerts-only" -> alertsOnly = true;
                case "--detector-config" -> {
                    detectorConfig = arguments.value();
                    if (detectorConfig == null) {
                        return usage(err, "--detector-config needs a file");
                    }
                }
                default -> {
                    if (a.startsWith("--audit-log=")) {
                        file = a.substring("--audit-log=".length());
                    } else if (a.startsWith("--format=")) {
                        format = a.substring("--format=".length());
                    } else if (a.startsWith("--detector-config=")) {
                        detectorConfig = a.substring("--detector-config=".length());
                    } else {
                        return usage(err, "unknown argument '" + a + "'");
                    }
                }
            }
        }
        if (arguments.helpShown()) {
            return 0;
        }
        if (!format.equals("jsonl") && !format.equals("text")) {
            return usage(err, "unknown format '" + format + "' (supported: jsonl, text)");
        }
        if (file == null) {
            return usage(err, "--audit-log FILE is required");
        }
        Map<String, Object> config;
        try {
            config = detectorConfig == null ? Map.of() : DetectorConfigFile.read(Paths.get(detectorConfig));
        } catch (IOException | IllegalArgumentException e) {
            err.println("edgesec replay: --detector-config " + detectorConfig + ": " + e.getMessage());
            return 2;
        }
        List<EventDetector> detectors = new ArrayList<>();
        try {
            for (EventDetectorProvider p : ServiceLoader.load(EventDetectorProvider.class, ReplayCommand.class.getClassLoader())) {
                detectors.add(p.newDetector(config));
            }
        } catch (IllegalArgumentException | java.util.ServiceConfigurationError e) {
            err.println("edgesec replay: detector: " + e.getMessage());
            return 2;
        }
        boolean text = format.equals("text");
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        ReplayReport report = new ReplayReport();
        boolean printEvents = !alertsOnly && !text;
        AuditPipeline pipeline = new AuditPipeline(file, EnumSet.allOf(EventKind.class), UserNames.NONE, ev -> {
            report.event(ev);
            if (printEvents) {
                write(w, ev);
            }
            for (EventDetector d : detectors) {
                report.alerts(d.detect(ev));
            }
        }, 2000);
        try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(path(file))) {
            LineSplitter splitter = pipeline.splitter();
            byte[] buf = new byte[1 << 20];
            long offset = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                splitter.feed(buf, 0, n, offset);
                offset += n;
            }
            splitter.finish();
            pipeline.finish();
            for (EventDetector d : detectors) {
                report.alerts(d.finish());
            }
            if (text) {
                w.write(report.text(file, alertsOnly));
            } else {
                for (SecurityEvent a : report.alerts()) {
                    write(w, a);
                }
            }
            w.flush();
        } catch (NoSuchFileException e) {
            err.println("edgesec replay: " + file + ": no such file");
            return 2;
        } catch (IOException e) {
            err.println("edgesec replay: cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (UncheckedIOException e) {
            err.println("edgesec replay: cannot write output: " + e.getCause().getMessage());
            return 2;
        } catch (java.nio.file.InvalidPathException e) {
            err.println("edgesec replay: bad file name '" + file + "': " + e.getMessage());
            return 2;
        }
        err.println("edgesec replay: " + file + ": " + pipeline.summary() + "; " + (detectors.isEmpty()
                ? "no detector on the class path, no alerts" : report.alerts().size() + " alerts"));
        AuditCounters c = pipeline.counters();
        for (String m : c.recentErrors()) {
            err.println("  " + m);
        }
        return 0;
    }

    private static Path path(String file) throws IOException {
        Path p = Paths.get(file);
        if (Files.isDirectory(p)) {
            throw new IOException("is a directory");
        }
        return p;
    }

    private static void write(Writer w, SecurityEvent ev) {
        try {
            w.write(ev.toJson());
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("edgesec replay: " + problem + " (try --help)");
        return 2;
    }
}
