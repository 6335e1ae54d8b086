package io.edgesec.launcher;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@code edgesec} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        configureLogging();
        int code = run(args, System.out, System.err);
        if (code != 0 || args.length == 0 || !"run".equals(args[0])) {
            System.exit(code);
        }
        System.exit(0);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
                out.print(help());
                return args.length == 0 ? 2 : 0;
            }
            if (args[0].equals("--version")) {
                out.println("edgesec " + Version.get());
                return 0;
            }
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            if (args[0].equals("run")) {
                return RunCommand.run(rest, err);
            }
            if (args[0].equals("health")) {
                return HealthCommand.run(rest, out, err);
            }
            if (args[0].equals("unpack-bundles")) {
                if (rest.length != 1) {
                    throw new UsageException("expected one argument, the directory to unpack the bundles into");
                }
                UnpackedBundles.unpack(EmbeddedBundles.list(), java.nio.file.Path.of(rest[0]));
                return 0;
            }
            ToolCommands tools = new ToolCommands(EmbeddedBundles.list());
            if (tools.has(args[0])) {
                return tools.run(args[0], rest, out, err);
            }
            err.println("edgesec: unknown command '" + args[0] + "' (see edgesec --help)");
            return 2;
        } catch (UsageException e) {
            err.println("edgesec " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("edgesec " + args[0] + ": " + e);
            return 3;
        }
    }

    private static String help() throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append("edgesec ").append(Version.get()).append(": security agent for Linux IoT Edge devices\n\n");
        sb.append("Usage: edgesec <command> [options]\n\n");
        sb.append("  run        run the agent (edgesec run --help)\n");
        sb.append("  health     exit 0 if the running agent is healthy (edgesec health --help)\n");
        sb.append("  unpack-bundles DIR\n             unpack the bundles for starts by reference (image build; java -D"
                + UnpackedBundles.PROPERTY + "=DIR)\n");
        for (Map.Entry<String, String[]> c : new ToolCommands(EmbeddedBundles.list()).commands().entrySet()) {
            sb.append(String.format("  %-10s (from %s; edgesec %s --help)%n", c.getKey(), c.getValue()[0], c.getKey()));
        }
        sb.append("\n  --version  print the version\n  --help     this text\n");
        return sb.toString();
    }

    private static void configureLogging() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT %4$s %3$s: %5$s%6$s%n");
        }
        String level = System.getenv("EDGESEC_LOG_LEVEL");
        if (level != null) {
            try {
                Level l = Level.parse(level.toUpperCase());
                Logger root = Logger.getLogger("");
                root.setLevel(l);
                // the console handler filters at INFO by itself: FINE (debug) would not show otherwise
                for (java.util.logging.Handler h : root.getHandlers()) {
                    h.setLevel(l);
                }
            } catch (IllegalArgumentException e) {
                // keep the default
            }
        }
    }
}
