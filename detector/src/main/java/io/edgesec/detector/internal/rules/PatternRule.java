package io.edgesec.detector.internal.rules;

import io.edgesec.detector.internal.view.EventView;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pattern rule of a rule file: conditions on a single event's payload item, all of which
 * must hold. Several rules may raise the same alert ID (alternatives). See README "Rule files".
 */
public final class PatternRule {
    final String alertId;
    final String ruleName;
    final String on;
    final Set<String> programs;
    final List<String> keywords;
    final List<Pattern> match;
    final List<Pattern> unless;
    final Set<String> parents;
    final Set<String> notParents;
    final List<Pattern> executable;
    final List<Pattern> notExecutable;
    final Map<String, Pattern> fields;
    final Map<String, Pattern> notFields;
    final List<String> key;
    final String description;
    final String severity;
    final Pattern escalateWhen;
    final String escalateTo;
    final String source;
    final List<String> executableContains;

    PatternRule(String alertId, String ruleName, String on, Set<String> programs, List<String> keywords,
            List<Pattern> match, List<Pattern> unless, Set<String> parents, Set<String> notParents,
            List<Pattern> executable, List<Pattern> notExecutable, Map<String, Pattern> fields,
            Map<String, Pattern> notFields, List<String> key, String description, String severity,
            Pattern escalateWhen, String escalateTo, String source, List<String> executableContains) {
        this.executableContains = executableContains;
        this.alertId = alertId;
        this.ruleName = ruleName;
        this.on = on;
        this.programs = programs;
        this.keywords = keywords;
        this.match = match;
        this.unless = unless;
        this.parents = parents;
        this.notParents = notParents;
        this.executable = executable;
        this.notExecutable = notExecutable;
        this.fields = fields;
        this.notFields = notFields;
        this.key = key;
        this.description = description;
        this.severity = severity;
        this.escalateWhen = escalateWhen;
        this.escalateTo = escalateTo;
        this.source = source;
    }

    public String alertId() {
        return alertId;
    }

    /** @return the rule's own name ({@code id} in the file), unique in a rule set */
    public String ruleName() {
        return ruleName;
    }

    public String on() {
        return on;
    }

    public Set<String> programs() {
        return programs;
    }

    public List<String> key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** @return the severity this rule sets (null: the alert's) */
    public String severity() {
        return severity;
    }

    public String source() {
        return source;
    }

    /**
     * @param captures filled with the named groups of the matching {@code match} pattern
     * @return true if every condition holds
     */
    public boolean matches(EventView v, Map<String, String> captures) {
        if (!executableContains.isEmpty()) {
            String exe = v.executable();
            boolean any = false;
            for (String k : executableContains) {
                if (exe.contains(k)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        if (!keywords.isEmpty()) {
            String lc = v.lowerCommandLine();
            boolean any = false;
            for (String k : keywords) {
                if (lc.contains(k)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        for (Map.Entry<String, Pattern> f : fields.entrySet()) {
            if (!f.getValue().matcher(v.field(f.getKey())).find()) {
                return false;
            }
        }
        for (Map.Entry<String, Pattern> f : notFields.entrySet()) {
            if (f.getValue().matcher(v.field(f.getKey())).find()) {
                return false;
            }
        }
        if (!executable.isEmpty() && !anyFinds(executable, v.executable())) {
            return false;
        }
        if (anyFinds(notExecutable, v.executable())) {
            return false;
        }
        if (!parents.isEmpty() && (v.parent == null || !parents.contains(v.parent.program())
                && !parents.contains(v.parent.exeBase()))) {
            return false;
        }
        if (!notParents.isEmpty() && v.parent != null && (notParents.contains(v.parent.program())
                || notParents.contains(v.parent.exeBase()))) {
            return false;
        }
        String text = "ProcessCreate".equals(on) || "ConnectionCreate".equals(on) ? v.commandLine() : "";
        if (!match.isEmpty()) {
            boolean found = false;
            for (Pattern p : match) {
                Matcher m = p.matcher(text);
                if (m.find()) {
                    found = true;
                    for (String g : PatternGroups.names(p)) {
                        String val = m.group(g);
                        if (val != null) {
                            captures.put(g, val);
                        }
                    }
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return !anyFinds(unless, text);
    }

    /** @return the severity for this hit: the escalation's when its pattern finds, else the rule's (may be null) */
    public String severityFor(EventView v) {
        if (escalateWhen != null && escalateWhen.matcher(v.commandLine()).find()) {
            return escalateTo;
        }
        return severity;
    }

    private static boolean anyFinds(List<Pattern> ps, String s) {
        for (Pattern p : ps) {
            if (p.matcher(s).find()) {
                return true;
            }
        }
        return false;
    }
}
