package io.edgesec.collector.system.internal.cli;

import io.edgesec.support.CommandArgs;
import io.edgesec.support.json.JsonText;
import io.edgesec.collector.system.internal.baseline.Baseline;
import io.edgesec.collector.system.internal.baseline.Check;
import io.edgesec.collector.system.internal.baseline.CheckCatalogue;
import io.edgesec.collector.system.internal.baseline.CheckResult;
import io.edgesec.collector.system.internal.host.HostRoot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code edgesec baseline [--root DIR] [--checks FILE] [--format text|json]}: the OS baseline
 * over a root directory (the live system, an image's root file system, a mounted SD card).
 * Runs outside OSGi from a class loader with agent-api and this bundle only: JDK and agent-api
 * only on this path. Exit 0: every check passed; 1: a check failed or could not run (Err);
 * 2: bad arguments, a root that is not a directory, or a checks file that cannot be read.
 */
public final class BaselineCommand {
    static final String USAGE = String.join("\n",
            "usage: edgesec baseline [--root DIR] [--checks FILE] [--format text|json]",
            "  Runs the OS baseline (the OMS baseline's checks, msid and CCE ids) against a root",
            "  directory and prints one result per check: Pass, Fail or Err with the reason.",
            "options:",
            "  --root DIR       the root file system to check (default /)",
            "  --checks FILE    a check catalogue (JSON, the language of the module README) to run",
            "                   instead of the built-in one",
            "  --format FMT     text (default) or json: an array with one object per check",
            "                   (Msid, Description, CceId, Result, Error, Severity, Origin)",
            "  --help           this text",
            "exit: 0 all passed, 1 a check failed or could not run, 2 the input could not be read");

    private BaselineCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String root = "/";
        String checksFile = null;
        String format = "text";
        CommandArgs arguments = new CommandArgs(args, () -> out.println(USAGE));
        for (String a = arguments.next(); a != null; a = arguments.next()) {
            switch (a) {
                case "--root", "--checks", "--format" -> {
                    String v = arguments.value();
                    if (v == null) {
                        err.println("edgesec baseline: " + a + " needs a value");
                        return 2;
                    }
                    if (a.equals("--root")) {
                        root = v;
                    } else if (a.equals("--checks")) {
                        checksFile = v;
                    } else {
                        format = v;
                    }
                }
                default -> {
                    err.println("edgesec baseline: unknown argument '" + a + "' (see --help)");
                    return 2;
                }
            }
        }
        if (arguments.helpShown()) {
            return 0;
        }
        if (!format.equals("text") && !format.equals("json")) {
            err.println("edgesec baseline: --format must be text or json, not '" + format + "'");
            return 2;
        }
        if (!Files.isDirectory(Path.of(root))) {
            err.println("edgesec baseline: --root " + root + " is not a directory");
            return 2;
        }
        List<Check> checks;
        if (checksFile == null) {
            checks = CheckCatalogue.builtIn();
        } else {
            try {
                Path f = Path.of(checksFile);
                if (Files.size(f) > CheckCatalogue.MAX_BYTES) {
                    err.println("edgesec baseline: " + checksFile + " is larger than " + CheckCatalogue.MAX_BYTES + " bytes");
                    return 2;
                }
                checks = CheckCatalogue.parse(Files.readString(f, StandardCharsets.UTF_8), "custom");
            } catch (IOException e) {
                err.println("edgesec baseline: cannot read " + checksFile + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()));
                return 2;
            } catch (CheckCatalogue.CatalogueException e) {
                err.println("edgesec baseline: " + checksFile + ": " + e.getMessage());
                return 2;
            }
        }
        List<CheckResult> results = Baseline.run(checks, new HostRoot(Path.of(root)));
        int passed = 0;
        int failed = 0;
        int errors = 0;
        for (CheckResult r : results) {
            switch (r.result()) {
                case CheckResult.PASS -> passed++;
                case CheckResult.FAIL -> failed++;
                default -> errors++;
            }
        }
        if (format.equals("json")) {
            List<Map<String, Object>> items = new ArrayList<>();
            results.forEach(r -> items.add(r.commandItem()));
            out.println(JsonText.write(items));
        } else {
            for (CheckResult r : results) {
                out.println(String.format("%-4s %-7s %-12s %-13s %s%s", r.result(), r.check().msid(), r.check().cceId(),
                        r.check().severity(), r.check().description(), r.passed() ? "" : "\n     " + r.error()));
            }
            out.println(passed + " passed, " + failed + " failed, " + errors + " errors, "
                    + (checks.size() - results.size()) + " not applicable to this system (" + root + ")");
        }
        return failed + errors == 0 ? 0 : 1;
    }
}
