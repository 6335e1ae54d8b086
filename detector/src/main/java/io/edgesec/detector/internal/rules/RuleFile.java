package io.edgesec.detector.internal.rules;

import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a rule file (JSON, format in the detector's README): {@code alerts} (catalogue entries by
 * ID) and {@code rules} (pattern rules). Every error names the file, the rule and the field.
 */
public final class RuleFile {
    /** Event names a pattern rule can be written for. */
    public static final Set<String> EVENTS = Set.of("ProcessCreate", "ConnectionCreate", "Login", "AccountChange",
            "ContainerEvent", "ContainerInventory", "ListeningPorts", "FirewallConfiguration", "FileChange", "KernelModule",
            "AuditConfigurationChange");
    private static final Set<String> SEVERITIES = Set.of("High", "Medium", "Low");
    private static final Set<String> RULE_KEYS = Set.of("id", "alert", "on", "program", "keywords", "match", "unless",
            "parent", "notParent", "executable", "notExecutable", "fields", "notFields", "key", "description",
            "severity", "escalate", "disabled", "comment", "executableContains", "notAncestor");
    private static final int MAX_RULES = 2000;

    /** Catalogue entries by alert ID, in file order. */
    public final Map<String, AlertInfo> alerts = new LinkedHashMap<>();
    /** Rules in file order; a rule with {@code "disabled": true} is listed by name in {@link #disabled}. */
    public final List<PatternRule> rules = new ArrayList<>();
    public final Set<String> disabled = new LinkedHashSet<>();

    private final String source;

    private RuleFile(String source) {
        this.source = source;
    }

    /**
     * @param source where the text came from, for error messages (a path, "built-in", "configuration")
     * @throws IllegalArgumentException naming what is wrong and where
     */
    public static RuleFile parse(String source, String json) {
        RuleFile f = new RuleFile(source);
        Map<String, Object> doc;
        try {
            doc = JsonDocuments.object(json);
        } catch (JsonDocumentException e) {
            throw new IllegalArgumentException(source + ": not a JSON object: " + e.getMessage());
        }
        Object version = doc.get("version");
        if (version != null && !(version instanceof Number n && n.intValue() == 1)) {
            throw new IllegalArgumentException(source + ": version " + version + " is not supported (1)");
        }
        if (doc.get("alerts") instanceof Map<?, ?> alerts) {
            for (Map.Entry<?, ?> e : alerts.entrySet()) {
                f.alert(String.valueOf(e.getKey()), e.getValue());
            }
        } else if (doc.containsKey("alerts")) {
            throw new IllegalArgumentException(source + ": 'alerts' must be an object keyed by alert ID");
        }
        Object rules = doc.get("rules");
        if (rules != null) {
            if (!(rules instanceof List<?> list)) {
                throw new IllegalArgumentException(source + ": 'rules' must be a list");
            }
            if (list.size() > MAX_RULES) {
                throw new IllegalArgumentException(source + ": more than " + MAX_RULES + " rules");
            }
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException(source + ": rule #" + (i + 1) + " is not an object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> rm = (Map<String, Object>) m;
                f.rule(i, rm);
            }
        }
        for (Object k : doc.keySet()) {
            if (!Set.of("version", "alerts", "rules", "comment").contains(k)) {
                throw new IllegalArgumentException(source + ": unknown key '" + k + "'");
            }
        }
        return f;
    }

    private void alert(String id, Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(source + ": alert " + id + " is not an object");
        }
        String where = source + ": alert " + id;
        checkAlertId(where, id);
        String name = string(where, m, "name", true);
        String severity = severity(where, string(where, m, "severity", true));
        List<String> mitre = strings(where, m, "mitre");
        String remediation = string(where, m, "remediation", false);
        alerts.put(id, new AlertInfo(id, name, severity, mitre, remediation == null ? "" : remediation));
    }

    private void rule(int index, Map<String, Object> m) {
        String name = m.get("id") instanceof String s ? s : null;
        String where = source + ": rule " + (name != null ? "'" + name + "'" : "#" + (index + 1));
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(where + ": 'id' (the rule's name) is required");
        }
        for (String k : m.keySet()) {
            if (!RULE_KEYS.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "'");
            }
        }
        if (Boolean.TRUE.equals(m.get("disabled"))) {
            disabled.add(name);
            return;
        }
        String alert = string(where, m, "alert", true);
        checkAlertId(where, alert);
        String on = string(where, m, "on", false);
        on = on == null ? "ProcessCreate" : on;
        if (!EVENTS.contains(on)) {
            throw new IllegalArgumentException(where + ": 'on' must be one of " + EVENTS + ", not '" + on + "'");
        }
        Set<String> programs = new LinkedHashSet<>(strings(where, m, "program"));
        List<String> keywords = new ArrayList<>();
        for (String k : strings(where, m, "keywords")) {
            keywords.add(k.toLowerCase(Locale.ROOT));
        }
        List<Pattern> match = patterns(where, "match", strings(where, m, "match"));
        List<Pattern> unless = patterns(where, "unless", strings(where, m, "unless"));
        boolean process = on.equals("ProcessCreate");
        List<String> exeContains = strings(where, m, "executableContains");
        if (process && programs.isEmpty() && keywords.isEmpty() && m.get("parent") == null && exeContains.isEmpty()) {
            // every process event would run this rule's patterns: the engine's speed depends on a cheap filter
            throw new IllegalArgumentException(where + ": a ProcessCreate rule needs 'program', 'keywords', 'parent' or 'executableContains'");
        }
        Map<String, Pattern> fields = fieldPatterns(where, m, "fields");
        Map<String, Pattern> notFields = fieldPatterns(where, m, "notFields");
        String severity = m.containsKey("severity") ? severity(where, string(where, m, "severity", true)) : null;
        Pattern escalateWhen = null;
        String escalateTo = null;
        if (m.get("escalate") instanceof Map<?, ?> esc) {
            escalateWhen = pattern(where, "escalate.match", string(where + ": escalate", esc, "match", true));
            escalateTo = severity(where + ": escalate", string(where + ": escalate", esc, "severity", true));
        } else if (m.containsKey("escalate")) {
            throw new IllegalArgumentException(where + ": 'escalate' must be {\"match\": ..., \"severity\": ...}");
        }
        List<String> key = strings(where, m, "key");
        String description = string(where, m, "description", false);
        rules.add(new PatternRule(alert, name, on, Set.copyOf(programs), List.copyOf(keywords), match, unless,
                Set.copyOf(strings(where, m, "parent")), Set.copyOf(strings(where, m, "notParent")),
                patterns(where, "executable", strings(where, m, "executable")),
                patterns(where, "notExecutable", strings(where, m, "notExecutable")), fields, notFields,
                key.isEmpty() ? List.of() : List.copyOf(key), description, severity, escalateWhen, escalateTo, source,
                List.copyOf(exeContains)).withNotAncestors(Set.copyOf(strings(where, m, "notAncestor"))));
    }

    static void checkAlertId(String where, String id) {
        if (!id.matches("IOTA-(\\d{3}|C-[A-Za-z0-9_-]{1,64})")) {
            throw new IllegalArgumentException(where + ": '" + id + "' is not an alert ID (IOTA-nnn or IOTA-C-name)");
        }
    }

    private static String severity(String where, String s) {
        if (!SEVERITIES.contains(s)) {
            throw new IllegalArgumentException(where + ": severity must be High, Medium or Low, not '" + s + "'");
        }
        return s;
    }

    private static String string(String where, Map<?, ?> m, String key, boolean required) {
        Object v = m.get(key);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException(where + ": '" + key + "' is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a string");
        }
        return s;
    }

    private static List<String> strings(String where, Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a string or a list of strings");
        }
        List<String> out = new ArrayList<>(l.size());
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException(where + ": '" + key + "' must list strings only");
            }
            out.add(s);
        }
        return out;
    }

    private static List<Pattern> patterns(String where, String key, List<String> regexes) {
        List<Pattern> out = new ArrayList<>(regexes.size());
        for (String r : regexes) {
            out.add(pattern(where, key, r));
        }
        return List.copyOf(out);
    }

    private static Pattern pattern(String where, String key, String regex) {
        try {
            return Pattern.compile(nonCapturing(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": '" + key + "' has a bad pattern: " + e.getDescription()
                    + " near index " + e.getIndex() + " of " + regex);
        }
    }

    /**
     * Makes plain groups non-capturing ({@code (} becomes {@code (?:}): a matcher's cost grows
     * with its groups, and only named groups are read (they become alert entities). Escaped
     * parentheses and those inside a character class stay as they are.
     */
    static String nonCapturing(String regex) {
        StringBuilder sb = new StringBuilder(regex.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                sb.append(c).append(regex.charAt(++i));
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                sb.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                sb.append(c);
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    sb.append(']'); // a literal ] first in a class
                    i++;
                }
                continue;
            }
            sb.append(c);
            if (c == '(' && (i + 1 >= regex.length() || regex.charAt(i + 1) != '?')) {
                sb.append("?:");
            }
        }
        return sb.toString();
    }

    private static Map<String, Pattern> fieldPatterns(String where, Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> fm)) {
            throw new IllegalArgumentException(where + ": '" + key + "' must map field names to patterns");
        }
        Map<String, Pattern> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : fm.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new IllegalArgumentException(where + ": " + key + "." + e.getKey() + " must be a pattern string");
            }
            out.put(String.valueOf(e.getKey()), pattern(where, key + "." + e.getKey(), s));
        }
        return Map.copyOf(out);
    }
}
