package io.edgesec.detector.internal.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules in force: the built-in file, then each further file in order; a later rule with the
 * same {@code id} replaces an earlier one, {@code "disabled": true} removes it, a later catalogue
 * entry for an alert ID replaces its name, severity, techniques and remediation. Process rules
 * are indexed by program name so that a process event runs only the rules that name its
 * program, plus those filtered by keywords or parent.
 */
public final class RuleSet {
    private final Map<String, AlertInfo> alerts;
    private final Map<String, PatternRule> byName;
    private final Map<String, List<PatternRule>> processByProgram = new HashMap<>();
    private final List<PatternRule> processOther = new ArrayList<>();
    private final Map<String, List<PatternRule>> byEvent = new HashMap<>();
    private final KeywordIndex keywords;

    public RuleSet(List<RuleFile> files) {
        Map<String, AlertInfo> a = new LinkedHashMap<>();
        Map<String, PatternRule> rules = new LinkedHashMap<>();
        for (RuleFile f : files) {
            a.putAll(f.alerts);
            for (String d : f.disabled) {
                rules.remove(d);
            }
            for (PatternRule r : f.rules) {
                rules.remove(r.ruleName()); // an override takes the overridden rule's place at the end
                rules.put(r.ruleName(), r);
            }
        }
        List<String> words = new ArrayList<>();
        for (PatternRule r : rules.values()) {
            words.addAll(r.keywords);
        }
        this.keywords = new KeywordIndex(words);
        List<String> exeWords = new ArrayList<>();
        for (PatternRule r : rules.values()) {
            exeWords.addAll(r.executableContains);
        }
        KeywordIndex executables = new KeywordIndex(exeWords, false);
        rules.replaceAll((n, r) -> r.keywords.isEmpty() && r.executableContains.isEmpty() ? r : r.indexed(keywords, executables));
        for (PatternRule r : rules.values()) {
            if (!a.containsKey(r.alertId())) {
                throw new IllegalArgumentException(r.source() + ": rule '" + r.ruleName() + "' raises " + r.alertId()
                        + ", which no rule file's 'alerts' describes");
            }
            if (r.on().equals("ProcessCreate") && !r.programs().isEmpty()) {
                for (String p : r.programs()) {
                    processByProgram.computeIfAbsent(p, k -> new ArrayList<>()).add(r);
                }
            } else if (r.on().equals("ProcessCreate")) {
                processOther.add(r);
            } else {
                byEvent.computeIfAbsent(r.on(), k -> new ArrayList<>()).add(r);
            }
        }
        this.alerts = Map.copyOf(a);
        this.byName = rules;
    }

    public AlertInfo alert(String id) {
        return alerts.get(id);
    }

    public Map<String, AlertInfo> alerts() {
        return alerts;
    }

    /** @return the number of distinct keywords of the rules in force */
    public int keywordCount() {
        return keywords.size();
    }

    public int size() {
        return byName.size();
    }

    /** @return the process rules that name this program (base name), or an empty list */
    public List<PatternRule> forProgram(String program) {
        List<PatternRule> l = processByProgram.get(program);
        return l == null ? List.of() : l;
    }

    /** @return the process rules filtered by keywords, parent or executable instead of program */
    public List<PatternRule> processOther() {
        return processOther;
    }

    /** @return the rules for another event kind */
    public List<PatternRule> forEvent(String name) {
        List<PatternRule> l = byEvent.get(name);
        return l == null ? List.of() : l;
    }
}
