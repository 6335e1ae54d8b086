package io.edgesec.collector.audit.internal.cli;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.events.EventKind;
import io.edgesec.collector.audit.internal.events.UserNames;
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
import java.util.EnumSet;

/**
 * {@code edgesec replay --audit-log FILE [--format jsonl]}: runs the collector's pipeline over a
 * raw audit log from any device and prints one event per line (SecurityEvent JSON, not
 * aggregated), then a summary of parse errors and loss on stderr. Runs outside OSGi from a class
 * loader holding only agent-api and this bundle: JDK and agent-api only on this path.
 * Exit 0: done (even with counted parse errors); 2: bad arguments or unreadable file.
 */
public final class ReplayCommand {
    static final String USAGE = String.join("\n",
            "usage: edgesec replay --audit-log FILE [--format jsonl]",
            "  Parses a raw Linux audit log (auditd's audit.log, RAW or ENRICHED format) offline and",
            "  prints the events the audit collector would send: ProcessCreate, ConnectionCreate,",
            "  Login and AccountChange, one JSON event per line, in the security message schema.",
            "  A summary of parse errors and lost records goes to stderr.",
            "options:",
            "  --audit-log FILE   the log to read ('-' for standard input)",
            "  --format jsonl     output format (the only one: one event per line)",
            "  --help             this text");

    private ReplayCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                case "--audit-log":
                    if (i + 1 >= args.length) {
                        return usage(err, "--audit-log needs a file");
                    }
                    file = args[++i];
                    break;
                case "--format":
                    if (i + 1 >= args.length) {
                        return usage(err, "--format needs a value (jsonl)");
                    }
                    String f = args[++i];
                    if (!f.equals("jsonl")) {
                        return usage(err, "unknown format '" + f + "' (supported: jsonl)");
                    }
                    break;
                default:
                    if (a.startsWith("--audit-log=")) {
                        file = a.substring("--audit-log=".length());
                    } else if (a.equals("--format=jsonl")) {
                        break;
                    } else {
                        return usage(err, "unknown argument '" + a + "'");
                    }
            }
        }
        if (file == null) {
            return usage(err, "--audit-log FILE is required");
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        AuditPipeline pipeline = new AuditPipeline(file, EnumSet.allOf(EventKind.class), UserNames.NONE,
                ev -> write(w, ev), 2000);
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
        err.println("edgesec replay: " + file + ": " + pipeline.summary());
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
