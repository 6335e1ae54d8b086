package io.edgesec.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The options of {@code edgesec run}. */
final class RunOptions {
    static final String HELP = """
            Usage: edgesec run [--config FILE] [--output FILE|-] [--duration SECONDS] [--data-dir DIR]

            Runs the security agent. Edge mode when the IoT Edge environment is present
            (IOTEDGE_* variables or EdgeHubConnectionString, an empty one counting as absent) and a
            hub transport bundle is installed; otherwise standalone mode: messages go to the local
            file transport.

              --config FILE       configuration in the module twin's shape (JSON):
                                  {"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration": {...},
                                   "edgesec": {"<pid>": {...}}}; a bad value stops start-up.
                                  Merged over the files the EDGESEC_CONFIG variable names, if
                                  any (separated by ':', each merged over the ones before)
              --output FILE|-     where the local transport writes one message per line
                                  (default: - for standard output). In edge mode the local
                                  transport runs only when this is given: messages wait for
                                  the hub in the queues instead
              --duration SECONDS  stop after this long, sending every queued message first
              --data-dir DIR      working files (default /var/lib/edgesec as root, else ~/.edgesec)
              --help              this text
            Stops cleanly on SIGTERM or SIGINT, flushing queued messages.
            """;

    Path config;
    String output = "-";
    /** --output was given (in edge mode the local transport runs only then) */
    boolean outputGiven;
    Duration duration;
    Path dataDir;

    static RunOptions parse(String[] args) throws UsageException {
        RunOptions o = new RunOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--config" -> {
                    o.config = Path.of(value(args, ++i, a));
                    if (!Files.isReadable(o.config)) {
                        throw new UsageException("--config " + o.config + ": file not found or not readable");
                    }
                }
                case "--output" -> {
                    o.output = value(args, ++i, a);
                    o.outputGiven = true;
                }
                case "--duration" -> {
                    String v = value(args, ++i, a);
                    try {
                        double s = Double.parseDouble(v);
                        if (!(s > 0) || s > 1e9) {
                            throw new NumberFormatException();
                        }
                        o.duration = Duration.ofMillis((long) (s * 1000));
                    } catch (NumberFormatException e) {
                        throw new UsageException("--duration '" + v + "': expected a positive number of seconds");
                    }
                }
                case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, a));
                default -> throw new UsageException("unknown option '" + a + "' (see edgesec run --help)");
            }
        }
        if (o.dataDir == null) {
            o.dataDir = "root".equals(System.getProperty("user.name"))
                    ? Path.of("/var/lib/edgesec") : Path.of(System.getProperty("user.home"), ".edgesec");
        }
        return o;
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value (see edgesec run --help)");
        }
        return args[i];
    }
}
