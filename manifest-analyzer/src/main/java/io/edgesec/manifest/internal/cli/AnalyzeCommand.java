package io.edgesec.manifest.internal.cli;

import io.edgesec.support.CommandArgs;
import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.manifest.internal.json.DocumentFiles;
import io.edgesec.manifest.internal.json.FileTooLargeException;
import io.edgesec.manifest.internal.model.ManifestParseException;
import io.edgesec.manifest.internal.report.ReportWriter;
import io.edgesec.manifest.internal.report.SarifReport;
import io.edgesec.manifest.internal.rules.AnalysisResult;
import io.edgesec.manifest.internal.rules.Analyzer;
import io.edgesec.manifest.internal.rules.AnalyzerSettings;
import io.edgesec.manifest.internal.rules.Finding;
import io.edgesec.manifest.internal.rules.Rule;
import io.edgesec.manifest.internal.rules.RuleCatalogue;
import io.edgesec.manifest.internal.rules.Severity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


/**
 * {@code edgesec analyze [--format text|json|sarif] [--fail-on SEVERITY] [--config FILE] FILE...}.
 * Runs outside OSGi from a class loader holding only agent-api and this bundle, so it uses the
 * JDK and agent-api only.
 */
public final class AnalyzeCommand {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int INPUT_ERROR = 2;

    static final String USAGE = """
            Usage: edgesec analyze [--format text|json|sarif] [--fail-on SEVERITY] [--config FILE] FILE...

            Analyzes Azure IoT Edge deployment manifests (every envelope form, layered deployments,
            templates; chunked and non-strict createOptions read as the edge agent reads them) against
            the rule catalogue IOTE-001..IOTE-084.

            Options:
              --format text|json|sarif  output format (default text); sarif is SARIF 2.1.0 for CI
              --fail-on SEVERITY        exit 1 when an unsuppressed finding is at or above SEVERITY:
                                        critical, high, medium, low, info, or none to never fail
                                        (default: high, or failOn from --config)
              --config FILE             JSON settings, {"edgesec":{"io.edgesec.manifest":{...}}} or
                                        the inner object: trustedRegistries, ttlLimitSecs,
                                        expectedPorts, suppressions, disabledRules,
                                        severityOverrides, failOn
              --list-rules              print the rule catalogue and exit
              --help                    this text

            Suppressions: in the manifest, a module's createOptions label
            "edgesec.suppress": "IOTE-001,IOTE-035; justification" or module env EDGESEC_SUPPRESS with
            the same value; in --config, "suppressions": ["IOTE-037:camera=reason", "IOTE-020"].
            Suppressed findings are still reported as suppressed and never fail the run.

            Exit status: 0 nothing at or above the threshold, 1 findings, 2 an input could not be
            read or parsed (the message names the file, line and column).
            """;

    private AnalyzeCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String format = "text";
        String failOn = null;
        String config = null;
        List<String> files = new ArrayList<>();
        CommandArgs arguments = new CommandArgs(args, () -> out.print(USAGE));
        for (String a = arguments.next(); a != null; a = arguments.next()) {
            switch (a) {
                case "--list-rules" -> {
                    for (Rule r : RuleCatalogue.all()) {
                        out.printf(Locale.ROOT, "%s  %-8s  %s%n", r.info().id(), r.info().severity(), r.info().title());
                    }
                    return OK;
                }
                case "--format", "--fail-on", "--config" -> {
                    String v = arguments.value();
                    if (v == null) {
                        err.println("analyze: " + a + " needs a value (see --help)");
                        return INPUT_ERROR;
                    }
                    if (a.equals("--format")) {
                        format = v.toLowerCase(Locale.ROOT);
                    } else if (a.equals("--fail-on")) {
                        failOn = v;
                    } else {
                        config = v;
                    }
                }
                default -> {
                    if (a.startsWith("--") && a.length() > 2) {
                        err.println("analyze: unknown option " + a + " (see --help)");
                        return INPUT_ERROR;
                    }
                    files.add(a);
                }
            }
        }
        if (arguments.helpShown()) {
            return OK;
        }
        if (!List.of("text", "json", "sarif").contains(format)) {
            err.println("analyze: unknown format '" + format + "' (text, json or sarif)");
            return INPUT_ERROR;
        }
        if (files.isEmpty()) {
            err.println("analyze: no manifest file given (see --help)");
            return INPUT_ERROR;
        }
        AnalyzerSettings settings;
        try {
            settings = config == null ? AnalyzerSettings.defaults() : AnalyzerSettings.fromMap(ConfigFile.properties(read(Path.of(config))));
        } catch (JsonDocumentException e) {
            err.println("analyze: " + config + ": " + e.getMessage());
            return INPUT_ERROR;
        } catch (IOException | IllegalArgumentException e) {
            err.println("analyze: " + config + ": " + describe(e));
            return INPUT_ERROR;
        }
        Severity threshold;
        try {
            threshold = failOn == null ? settings.failOn() : failOn.equalsIgnoreCase("none") ? null : Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            err.println("analyze: --fail-on " + e.getMessage() + " or none");
            return INPUT_ERROR;
        }

        Analyzer analyzer = new Analyzer(settings);
        List<AnalysisResult> results = new ArrayList<>(files.size());
        for (String f : files) {
            String text;
            try {
                text = read(Path.of(f));
            } catch (IOException | RuntimeException e) {
                results.add(new AnalysisResult(f, List.of(), new ManifestParseException(f, 0, 0, describe(e))));
                continue;
            }
            results.add(analyzer.analyze(text, f));
        }
        out.print(ReportWriter.forFormat(format).write(results));
        out.flush();

        boolean inputError = false;
        boolean failing = false;
        for (AnalysisResult r : results) {
            if (r.failed()) {
                inputError = true;
                err.println("analyze: " + r.error().getMessage());
            }
            for (Finding f : r.findings()) {
                if (!f.suppressed() && threshold != null && f.severity().atLeast(threshold)) {
                    failing = true;
                }
            }
        }
        return inputError ? INPUT_ERROR : failing ? FINDINGS : OK;
    }

    static String read(Path p) throws IOException {
        String s = DocumentFiles.read(p);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static String describe(Exception e) {
        if (e instanceof FileTooLargeException t) {
            return t.reason();
        }
        if (e instanceof NoSuchFileException) {
            return "cannot read: no such file";
        }
        if (e instanceof CharacterCodingException) {
            return "cannot read: not UTF-8 text";
        }
        if (e instanceof IOException) {
            return "cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** @return the SARIF tool name (for the launcher's --version) */
    public static String toolName() {
        return SarifReport.TOOL_NAME + " " + SarifReport.TOOL_VERSION;
    }

}
