package io.edgesec.manifest.internal.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Thresholds, allow-lists and suppressions. The same settings come from the OSGi configuration
 * {@code io.edgesec.manifest} and from the CLI's {@code --config} JSON file.
 *
 * <ul>
 * <li>{@code trustedRegistries}: registry host globs (IOTE-054), default {@code mcr.microsoft.com},
 * {@code *.azurecr.io};</li>
 * <li>{@code ttlLimitSecs}: store-and-forward / route TTL limit (IOTE-074), default 7200;</li>
 * <li>{@code expectedPorts}: published host ports that are intended, {@code PORT} or
 * {@code MODULE:PORT} (IOTE-037 INFO, IOTE-038/039 not reported), default edgeHub 443, 5671, 8883;</li>
 * <li>{@code suppressions}: {@code RULE[:MODULE][=justification]}, MODULE may use {@code *};</li>
 * <li>{@code disabledRules}: rule IDs not run;</li>
 * <li>{@code severityOverrides}: {@code RULE=SEVERITY};</li>
 * <li>{@code failOn}: the CLI's default threshold, default {@code high}.</li>
 * </ul>
 */
public final class AnalyzerSettings {
    /** The configuration PID (OSGi) and the key under {@code edgesec} in a --config file. */
    public static final String PID = "io.edgesec.manifest";
    public static final List<String> DEFAULT_TRUSTED_REGISTRIES = List.of("mcr.microsoft.com", "*.azurecr.io");
    public static final long DEFAULT_TTL_LIMIT = 7200;
    public static final List<String> DEFAULT_EXPECTED_PORTS = List.of("edgeHub:443", "edgeHub:5671", "edgeHub:8883");

    /** A parsed suppression entry of the configuration. */
    public record ConfigSuppression(String ruleId, String module, String justification, String entry) {
        boolean matches(Finding f) {
            if (!ruleId.equalsIgnoreCase(f.ruleId()) && !ruleId.equals("*")) {
                return false;
            }
            if (module == null) {
                return true;
            }
            return f.module() != null && glob(module, f.module());
        }
    }

    private final List<String> trustedRegistries;
    private final long ttlLimitSecs;
    private final List<String> expectedPorts;
    private final List<ConfigSuppression> suppressions;
    private final Set<String> disabledRules;
    private final Map<String, Severity> severityOverrides;
    private final Severity failOn;

    private AnalyzerSettings(Builder b) {
        this.trustedRegistries = List.copyOf(b.trustedRegistries);
        this.ttlLimitSecs = b.ttlLimitSecs;
        this.expectedPorts = List.copyOf(b.expectedPorts);
        this.suppressions = List.copyOf(b.suppressions);
        this.disabledRules = Set.copyOf(b.disabledRules);
        this.severityOverrides = Map.copyOf(b.severityOverrides);
        this.failOn = b.failOn;
    }

    public static AnalyzerSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> trustedRegistries() {
        return trustedRegistries;
    }

    public long ttlLimitSecs() {
        return ttlLimitSecs;
    }

    public List<String> expectedPorts() {
        return expectedPorts;
    }

    public List<ConfigSuppression> suppressions() {
        return suppressions;
    }

    public Set<String> disabledRules() {
        return disabledRules;
    }

    public Map<String, Severity> severityOverrides() {
        return severityOverrides;
    }

    public Severity failOn() {
        return failOn;
    }

    /** @return true if {@code host} matches a trusted registry glob (case-insensitive) */
    public boolean trustedRegistry(String host) {
        for (String t : trustedRegistries) {
            if (glob(t.toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** @return true if publishing host port {@code port} from {@code module} is expected */
    public boolean expectedPort(String module, int port) {
        for (String e : expectedPorts) {
            String p = e.trim();
            int c = p.lastIndexOf(':');
            String mod = c < 0 ? null : p.substring(0, c);
            String num = c < 0 ? p : p.substring(c + 1);
            if (num.equals(Integer.toString(port)) && (mod == null || (module != null && glob(mod, module)))) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.Map<String, java.util.regex.Pattern> GLOBS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Simple glob: {@code *} matches any run of characters; case-insensitive. */
    public static boolean glob(String pattern, String s) {
        return GLOBS.computeIfAbsent(pattern, AnalyzerSettings::compileGlob).matcher(s).matches();
    }

    private static java.util.regex.Pattern compileGlob(String pattern) {
        StringBuilder re = new StringBuilder("(?i)");
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else {
                re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return java.util.regex.Pattern.compile(re.toString());
    }

    /**
     * Reads settings from a map of property name to value (a JSON object or OSGi properties):
     * lists may be JSON arrays, Java arrays or comma-separated strings.
     *
     * @throws IllegalArgumentException naming the bad property
     */
    public static AnalyzerSettings fromMap(Map<String, ?> props) {
        Builder b = builder();
        for (Map.Entry<String, ?> e : props.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            switch (k) {
                case "trustedRegistries" -> b.trustedRegistries(list(k, v));
                case "ttlLimitSecs" -> b.ttlLimitSecs(number(k, v));
                case "expectedPorts" -> b.expectedPorts(list(k, v));
                case "suppressions" -> b.suppressions(list(k, v));
                case "disabledRules" -> b.disabledRules(list(k, v));
                case "severityOverrides" -> b.severityOverrides(list(k, v));
                case "failOn" -> b.failOn(Severity.parse(String.valueOf(v)));
                default -> {
                    // other properties (manifestPaths, component properties) are not analyzer settings
                }
            }
        }
        return b.build();
    }

    static List<String> list(String key, Object v) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(String.valueOf(o).trim());
            }
        } else if (v instanceof Object[] a) {
            for (Object o : a) {
                out.add(String.valueOf(o).trim());
            }
        } else if (v instanceof String s) {
            for (String p : s.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.trim());
                }
            }
        } else {
            throw new IllegalArgumentException("'" + key + "' must be a list of strings, not " + v);
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    private static long number(String key, Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be a number, not '" + v + "'");
        }
    }

    /** Builds {@link AnalyzerSettings}. */
    public static final class Builder {
        private List<String> trustedRegistries = DEFAULT_TRUSTED_REGISTRIES;
        private long ttlLimitSecs = DEFAULT_TTL_LIMIT;
        private List<String> expectedPorts = DEFAULT_EXPECTED_PORTS;
        private final List<ConfigSuppression> suppressions = new ArrayList<>();
        private final Set<String> disabledRules = new LinkedHashSet<>();
        private final Map<String, Severity> severityOverrides = new LinkedHashMap<>();
        private Severity failOn = Severity.HIGH;

        public Builder trustedRegistries(List<String> v) {
            trustedRegistries = v;
            return this;
        }

        public Builder ttlLimitSecs(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("'ttlLimitSecs' must not be negative: " + v);
            }
            ttlLimitSecs = v;
            return this;
        }

        public Builder expectedPorts(List<String> v) {
            for (String p : v) {
                if (!p.trim().matches("([^:]+:)?\\d{1,5}")) {
                    throw new IllegalArgumentException("'expectedPorts' entry '" + p + "' is not PORT or MODULE:PORT");
                }
            }
            expectedPorts = v;
            return this;
        }

        /** Entries {@code RULE[:MODULE][=justification]}. */
        public Builder suppressions(List<String> entries) {
            for (String entry : entries) {
                String s = entry.trim();
                String just = "";
                int eq = s.indexOf('=');
                if (eq >= 0) {
                    just = s.substring(eq + 1).trim();
                    s = s.substring(0, eq).trim();
                }
                int c = s.indexOf(':');
                String rule = c < 0 ? s : s.substring(0, c).trim();
                String module = c < 0 ? null : s.substring(c + 1).trim();
                if (!rule.matches("(?i)IOTE-\\d{3}") && !rule.equals("*")) {
                    throw new IllegalArgumentException("'suppressions' entry '" + entry + "' must be RULE[:MODULE][=justification], e.g. IOTE-001:camera=needs GPIO");
                }
                suppressions.add(new ConfigSuppression(rule.toUpperCase(Locale.ROOT), module, just, entry));
            }
            return this;
        }

        public Builder disabledRules(List<String> ids) {
            for (String id : ids) {
                if (!id.matches("(?i)IOTE-\\d{3}")) {
                    throw new IllegalArgumentException("'disabledRules' entry '" + id + "' is not a rule id such as IOTE-020");
                }
                disabledRules.add(id.toUpperCase(Locale.ROOT));
            }
            return this;
        }

        /** Entries {@code RULE=SEVERITY}. */
        public Builder severityOverrides(List<String> entries) {
            for (String e : entries) {
                int eq = e.indexOf('=');
                if (eq < 0 || !e.substring(0, eq).trim().matches("(?i)IOTE-\\d{3}")) {
                    throw new IllegalArgumentException("'severityOverrides' entry '" + e + "' must be RULE=SEVERITY, e.g. IOTE-020=info");
                }
                severityOverrides.put(e.substring(0, eq).trim().toUpperCase(Locale.ROOT), Severity.parse(e.substring(eq + 1)));
            }
            return this;
        }

        public Builder failOn(Severity s) {
            failOn = s;
            return this;
        }

        public AnalyzerSettings build() {
            return new AnalyzerSettings(this);
        }
    }
}
