package io.edgesec.manifest.internal.rules;

import io.edgesec.manifest.internal.json.JObject;
import io.edgesec.manifest.internal.json.JsonNode;
import io.edgesec.manifest.internal.model.EnvVar;
import io.edgesec.manifest.internal.model.Manifest;
import io.edgesec.manifest.internal.model.ManifestParseException;
import io.edgesec.manifest.internal.model.ModuleSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Runs the rule catalogue over a manifest and applies the settings: disabled rules, severity
 * overrides and suppressions.
 *
 * <p>Module-level suppression annotation: a Docker label {@value #SUPPRESS_LABEL} in the module's
 * createOptions {@code Labels}, or a module env variable {@value #SUPPRESS_ENV}, whose value is
 * {@code IOTE-001,IOTE-002[; justification]}. Both are harmless to the runtime and valid under
 * every manifest schema. Every suppression is reported with the finding it hides.
 */
public final class Analyzer {
    public static final String SUPPRESS_LABEL = "edgesec.suppress";
    public static final String SUPPRESS_ENV = "EDGESEC_SUPPRESS";

    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.module() == null ? "" : f.module(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Finding::severity)
            .thenComparing(Finding::ruleId)
            .thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column());

    private final AnalyzerSettings settings;
    private final List<Rule> rules;

    public Analyzer(AnalyzerSettings settings) {
        this(settings, RuleCatalogue.all());
    }

    public Analyzer(AnalyzerSettings settings, List<Rule> rules) {
        this.settings = settings;
        this.rules = List.copyOf(rules);
    }

    public AnalyzerSettings settings() {
        return settings;
    }

    /** Parses and analyzes one manifest text; never throws for bad input (see the result's error). */
    public AnalysisResult analyze(String text, String source) {
        Manifest m;
        try {
            m = Manifest.parse(text, source);
        } catch (ManifestParseException e) {
            return new AnalysisResult(source, List.of(), e);
        }
        return new AnalysisResult(source, analyze(m), null);
    }

    /** @return the findings on {@code m}, suppressed ones marked, sorted by module then severity */
    public List<Finding> analyze(Manifest m) {
        RuleContext ctx = new RuleContext(m, settings);
        for (Rule r : rules) {
            if (settings.disabledRules().contains(r.info().id())) {
                continue;
            }
            try {
                r.check(ctx);
            } catch (RuntimeException e) {
                throw new IllegalStateException("rule " + r.info().id() + " failed on " + m.source() + ": " + e, e);
            }
        }
        List<Finding> out = new ArrayList<>(ctx.findings().size());
        for (Finding f : ctx.findings()) {
            Severity o = settings.severityOverrides().get(f.ruleId());
            if (o != null) {
                f = f.withSeverity(o);
            }
            Suppression s = suppression(m, f);
            out.add(s == null ? f : f.withSuppression(s));
        }
        out.sort(ORDER);
        return out;
    }

    private Suppression suppression(Manifest m, Finding f) {
        if (f.module() != null) {
            ModuleSpec mod = m.module(f.module());
            if (mod != null) {
                Suppression s = annotation(m, mod, f.ruleId());
                if (s != null) {
                    return s;
                }
            }
        }
        for (AnalyzerSettings.ConfigSuppression cs : settings.suppressions()) {
            if (cs.matches(f)) {
                return new Suppression(false, "configuration suppressions: " + cs.entry(), cs.justification());
            }
        }
        return null;
    }

    /** @return the in-manifest suppression of {@code ruleId} on {@code module}, or null */
    static Suppression annotation(Manifest m, ModuleSpec module, String ruleId) {
        JObject root = module.createOptions().root();
        JObject labels = root == null ? null : root.getObject("Labels");
        JsonNode label = labels == null ? null : labels.get(SUPPRESS_LABEL);
        if (label != null && label.asString() != null) {
            Suppression s = parseAnnotation(label.asString(), ruleId, m.locate(label).logicalPointer());
            if (s != null) {
                return s;
            }
        }
        EnvVar env = module.envVar(SUPPRESS_ENV);
        if (env != null) {
            return parseAnnotation(env.value(), ruleId, m.locate(env.node()).logicalPointer());
        }
        return null;
    }

    private static Suppression parseAnnotation(String value, String ruleId, String origin) {
        String ids = value;
        String just = "";
        int semi = value.indexOf(';');
        if (semi >= 0) {
            ids = value.substring(0, semi);
            just = value.substring(semi + 1).trim();
        }
        for (String id : ids.split("[,\\s]+")) {
            if (id.trim().toUpperCase(Locale.ROOT).equals(ruleId)) {
                return new Suppression(true, origin, just);
            }
        }
        return null;
    }
}
