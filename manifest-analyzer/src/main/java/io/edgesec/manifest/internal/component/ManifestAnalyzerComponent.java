package io.edgesec.manifest.internal.component;

import io.edgesec.api.collector.CollectorName;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import io.edgesec.api.manifest.ManifestAnalysis;
import io.edgesec.manifest.internal.json.DocumentFiles;
import io.edgesec.manifest.internal.json.FileTooLargeException;
import io.edgesec.manifest.internal.model.Location;
import io.edgesec.manifest.internal.model.ManifestParseException;
import io.edgesec.manifest.internal.rules.AnalysisResult;
import io.edgesec.manifest.internal.rules.Analyzer;
import io.edgesec.manifest.internal.rules.AnalyzerSettings;
import io.edgesec.manifest.internal.rules.Finding;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The analyzer in the agent: the {@link ManifestAnalysis} service (one Recommendation event per
 * finding) and the {@code manifest} collector, which analyzes the configured manifest files (and
 * a manifest given inline, e.g. from a twin property) every period and sends each finding once,
 * identified by its fingerprint, until it changes or disappears and comes back.
 */
@Designate(ocd = ManifestAnalyzerComponent.Config.class)
@Component(configurationPid = AnalyzerSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {ManifestAnalysis.class, PeriodicCollector.class})
@CollectorName(ManifestAnalyzerComponent.COLLECTOR_NAME)
public final class ManifestAnalyzerComponent implements ManifestAnalysis, PeriodicCollector {
    public static final String COLLECTOR_NAME = "manifest";
    /** The source name of a manifest given inline in the configuration. */
    public static final String INLINE_SOURCE = "twin";

    /** Configuration {@code io.edgesec.manifest}. */
    @ObjectClassDefinition(name = "edgesec manifest analyzer",
            description = "IoT Edge deployment manifest analysis: sources, thresholds, allow-lists and suppressions.")
    public @interface Config {
        @AttributeDefinition(description = "Manifest files the collector analyzes every period")
        String[] manifestPaths() default {};

        @AttributeDefinition(description = "A manifest JSON text given directly (e.g. from a module twin property); analyzed as source 'twin'")
        String manifestInline() default "";

        @AttributeDefinition(description = "Trusted image registries (globs), IOTE-054")
        String[] trustedRegistries() default {"mcr.microsoft.com", "*.azurecr.io"};

        @AttributeDefinition(description = "Store-and-forward / route TTL limit in seconds, IOTE-074")
        long ttlLimitSecs() default AnalyzerSettings.DEFAULT_TTL_LIMIT;

        @AttributeDefinition(description = "Intended published host ports, PORT or MODULE:PORT (IOTE-037/038/039)")
        String[] expectedPorts() default {"edgeHub:443", "edgeHub:5671", "edgeHub:8883"};

        @AttributeDefinition(description = "Suppressions RULE[:MODULE][=justification]")
        String[] suppressions() default {};

        @AttributeDefinition(description = "Rule IDs not evaluated")
        String[] disabledRules() default {};

        @AttributeDefinition(description = "Severity overrides RULE=SEVERITY")
        String[] severityOverrides() default {};

        @AttributeDefinition(description = "Threshold for the analyze command: critical, high, medium, low or info")
        String failOn() default "high";

        @AttributeDefinition(description = "Collection period (ISO-8601)")
        String edgesec_collector_period() default "PT5M";
    }

    private final Analyzer analyzer;
    private final List<String> manifestPaths;
    private final String manifestInline;
    /** Per source: the fingerprints already sent. */
    private final Map<String, Set<String>> sent = new HashMap<>();
    /** Per source: the last error reported (not repeated while unchanged). */
    private final Map<String, String> lastError = new HashMap<>();

    @Activate
    public ManifestAnalyzerComponent(Config config) {
        this(settings(config), List.of(config.manifestPaths()), config.manifestInline());
    }

    /** For use without OSGi (tests, tools). */
    public ManifestAnalyzerComponent(AnalyzerSettings settings, List<String> manifestPaths, String manifestInline) {
        this.analyzer = new Analyzer(settings);
        this.manifestPaths = List.copyOf(manifestPaths);
        this.manifestInline = manifestInline == null ? "" : manifestInline;
    }

    static AnalyzerSettings settings(Config c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("trustedRegistries", c.trustedRegistries());
        p.put("ttlLimitSecs", c.ttlLimitSecs());
        p.put("expectedPorts", c.expectedPorts());
        p.put("suppressions", c.suppressions());
        p.put("disabledRules", c.disabledRules());
        p.put("severityOverrides", c.severityOverrides());
        p.put("failOn", c.failOn());
        return AnalyzerSettings.fromMap(p);
    }

    @Override
    public List<SecurityEvent> analyze(String manifestJson, String source) {
        AnalysisResult r = analyzer.analyze(manifestJson, source);
        if (r.failed()) {
            throw new IllegalArgumentException(r.error().getMessage());
        }
        List<SecurityEvent> out = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (!f.suppressed()) {
                out.add(recommendation(f));
            }
        }
        return out;
    }

    @Override
    public synchronized List<SecurityEvent> collect() {
        List<SecurityEvent> out = new ArrayList<>();
        for (String p : manifestPaths) {
            String text;
            try {
                text = DocumentFiles.read(Path.of(p));
            } catch (IOException | RuntimeException e) {
                status(out, p, "SourceUnavailable", 0, 0, "cannot read " + p + ": " + describe(e));
                continue;
            }
            analyzeSource(out, text, p);
        }
        if (!manifestInline.isBlank()) {
            analyzeSource(out, manifestInline, INLINE_SOURCE);
        }
        return out;
    }

    private void analyzeSource(List<SecurityEvent> out, String text, String source) {
        AnalysisResult r;
        try {
            r = analyzer.analyze(text.startsWith("\uFEFF") ? text.substring(1) : text, source);
        } catch (RuntimeException e) {
            status(out, source, "AnalysisFailed", 0, 0, "analysis of " + source + " failed: " + e.getMessage());
            return;
        }
        if (r.failed()) {
            ManifestParseException e = r.error();
            status(out, source, "ParseError", e.line(), e.column(), e.getMessage());
            return;
        }
        lastError.remove(source);
        Set<String> before = sent.getOrDefault(source, Set.of());
        Set<String> now = new HashSet<>();
        for (Finding f : r.findings()) {
            if (f.suppressed()) {
                continue;
            }
            now.add(f.fingerprint());
            if (!before.contains(f.fingerprint())) {
                out.add(recommendation(f));
            }
        }
        sent.put(source, now);
    }

    private void status(List<SecurityEvent> out, String source, String status, int line, int column, String message) {
        if (message.equals(lastError.get(source))) {
            return;
        }
        lastError.put(source, message);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Source", source);
        if (line > 0) {
            p.put("Line", line);
            p.put("Column", column);
        }
        // whichever it is, this manifest goes unanalyzed until it is fixed
        out.add(CollectorStatus.of(COLLECTOR_NAME, status, Severity.ERROR, message, p, null));
    }

    private static String describe(Exception e) {
        if (e instanceof FileTooLargeException t) {
            return t.reason();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** @return the Recommendation event of one finding */
    public static SecurityEvent recommendation(Finding f) {
        Location l = f.location();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("RuleId", f.ruleId());
        p.put("Severity", f.severity().display());
        p.put("Title", f.rule().title());
        p.put("Message", f.message());
        if (f.module() != null) {
            p.put("Module", f.module());
        }
        p.put("Pointer", l.logicalPointer());
        p.put("Source", f.source());
        p.put("Line", l.line());
        p.put("Column", l.column());
        p.put("Fingerprint", f.fingerprint());
        p.put("Remediation", f.rule().remediation());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("ManifestPointer", l.pointer());
        if (l.optionsPointer() != null) {
            extra.put("CreateOptionsPointer", l.optionsPointer());
        }
        if (l.chunk() != null) {
            extra.put("Chunk", l.chunk());
        }
        extra.put("Value", f.value().length() > 256 ? f.value().substring(0, 256) + "..." : f.value());
        extra.put("SecuritySeverity", f.severity().securitySeverity());
        extra.put("References", String.join("; ", f.rule().references()));
        p.put("ExtraDetails", extra);
        return SecurityEvent.builder(EventNames.RECOMMENDATION).type(EventType.SECURITY)
                .category(EventCategory.TRIGGERED).priorityHint(Priority.LOW).payload(p).build();
    }
}
