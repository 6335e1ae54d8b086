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
    /** Precomputed once so that judging an event allocates and re-parses nothing. */
    private final FieldTest[] fieldTests;
    private final FieldTest[] notFieldTests;
    private final Pattern[] matchArray;
    private final List<String>[] matchGroups;
    /** Per match pattern without named groups, its test without the regex engine when it has one, else null. */
    private final TextTest[] matchTests;
    private final TextTest[] unlessArray;
    private final TextTest[] executableArray;
    private final TextTest[] notExecutableArray;
    private final String[] executableContainsArray;
    private final String[] keywordArray;
    private final boolean textIsCommandLine;
    /** Base names none of the process and its ancestors may have (package installation, log rotation ...). */
    private Set<String> notAncestors = Set.of();
    /** How far up the process tree {@link #notAncestors} looks. */
    static final int ANCESTOR_DEPTH = 8;
    /** Ids of {@link #keywords} in the rule set's index (null: not indexed, search each word). */
    private final KeywordIndex keywordIndex;
    private final int[] keywordIds;
    /** Ids of {@link #executableContains} in the rule set's executable index (null: search each word). */
    private final KeywordIndex executableIndex;
    private final int[] executableIds;

    private record FieldTest(String outer, String inner, TextTest test) {
        static FieldTest[] of(Map<String, Pattern> m) {
            FieldTest[] out = new FieldTest[m.size()];
            int k = 0;
            for (Map.Entry<String, Pattern> e : m.entrySet()) {
                String n = e.getKey();
                int dot = n.indexOf('.');
                TextTest t = TextTest.of(e.getValue());
                out[k++] = dot > 0 ? new FieldTest(n.substring(0, dot), n.substring(dot + 1), t) : new FieldTest(n, null, t);
            }
            return out;
        }

        boolean finds(EventView v) {
            return test.finds(v.field(outer, inner));
        }
    }

    PatternRule(String alertId, String ruleName, String on, Set<String> programs, List<String> keywords,
            List<Pattern> match, List<Pattern> unless, Set<String> parents, Set<String> notParents,
            List<Pattern> executable, List<Pattern> notExecutable, Map<String, Pattern> fields,
            Map<String, Pattern> notFields, List<String> key, String description, String severity,
            Pattern escalateWhen, String escalateTo, String source, List<String> executableContains) {
        this(alertId, ruleName, on, programs, keywords, match, unless, parents, notParents, executable, notExecutable,
                fields, notFields, key, description, severity, escalateWhen, escalateTo, source, executableContains,
                null, null);
    }

    @SuppressWarnings("unchecked")
    private PatternRule(String alertId, String ruleName, String on, Set<String> programs, List<String> keywords,
            List<Pattern> match, List<Pattern> unless, Set<String> parents, Set<String> notParents,
            List<Pattern> executable, List<Pattern> notExecutable, Map<String, Pattern> fields,
            Map<String, Pattern> notFields, List<String> key, String description, String severity,
            Pattern escalateWhen, String escalateTo, String source, List<String> executableContains,
            KeywordIndex keywordIndex, KeywordIndex executableIndex) {
        this.fieldTests = FieldTest.of(fields);
        this.notFieldTests = FieldTest.of(notFields);
        this.matchArray = match.toArray(new Pattern[0]);
        this.matchGroups = new List[matchArray.length];
        this.matchTests = new TextTest[matchArray.length];
        for (int k = 0; k < matchArray.length; k++) {
            matchGroups[k] = PatternGroups.names(matchArray[k]);
            TextTest t = TextTest.of(matchArray[k]);
            matchTests[k] = matchGroups[k].isEmpty() && t.literal() ? t : null;
        }
        this.unlessArray = TextTest.of(unless);
        this.executableArray = TextTest.of(executable);
        this.notExecutableArray = TextTest.of(notExecutable);
        this.executableContainsArray = executableContains.toArray(new String[0]);
        this.keywordArray = keywords.toArray(new String[0]);
        this.textIsCommandLine = "ProcessCreate".equals(on) || "ConnectionCreate".equals(on);
        this.executableIndex = executableIndex != null && executableContainsArray.length > 0 ? executableIndex : null;
        this.executableIds = this.executableIndex == null ? null : ids(this.executableIndex, executableContainsArray, ruleName);
        this.keywordIndex = keywordIndex != null && keywordArray.length > 0 ? keywordIndex : null;
        this.keywordIds = this.keywordIndex == null ? null : ids(this.keywordIndex, keywordArray, ruleName);
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

    /**
     * @return this rule with its keywords looked up in {@code index} and its {@code executableContains}
     *         words in {@code executables} (one scan per event of each text for all rules)
     */
    PatternRule indexed(KeywordIndex index, KeywordIndex executables) {
        return new PatternRule(alertId, ruleName, on, programs, keywords, match, unless, parents, notParents, executable,
                notExecutable, fields, notFields, key, description, severity, escalateWhen, escalateTo, source,
                executableContains, index, executables).withNotAncestors(notAncestors);
    }

    private static int[] ids(KeywordIndex index, String[] words, String ruleName) {
        int[] out = new int[words.length];
        for (int k = 0; k < words.length; k++) {
            out[k] = index.id(words[k]);
            if (out[k] < 0) {
                throw new IllegalArgumentException("'" + words[k] + "' of rule '" + ruleName + "' is not in the rule set's index");
            }
        }
        return out;
    }

    /** Sets {@code notAncestor} (kept out of the constructors, which other rule kinds share). @return this */
    PatternRule withNotAncestors(Set<String> names) {
        this.notAncestors = names;
        return this;
    }

    /**
     * Whether the process (its executable or argv[0]) or one of its ancestors up to
     * {@link #ANCESTOR_DEPTH} levels, as far as the process table knows them, is named in
     * {@code names}. A process started before the detector has no known ancestors.
     */
    static boolean underAny(EventView v, Set<String> names) {
        if (names.contains(v.exeBase()) || names.contains(v.argv0Base())) {
            return true;
        }
        if (v.processes == null) {
            return v.parent != null && (names.contains(v.parent.program()) || names.contains(v.parent.exeBase()));
        }
        int pid = v.ppid();
        int self = v.pid();
        for (int depth = 0; depth < ANCESTOR_DEPTH && pid > 1; depth++) {
            io.edgesec.detector.internal.view.ProcessInfo p = v.processes.apply(pid);
            if (p == null) {
                return false;
            }
            if (p.pid() != self && (names.contains(p.program()) || names.contains(p.exeBase()))) {
                return true;
            }
            if (p.ppid() == pid) {
                return false;
            }
            pid = p.ppid();
        }
        return false;
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
     * @return true if, on a process start, this rule's answer depends on nothing but the
     *         executable, the command line and the parent's program and executable base names
     *         (no {@code notAncestor}, no {@code fields}/{@code notFields}): the engine then may
     *         remember a start it did not match. A new kind of condition that reads anything else
     *         must make this false.
     */
    public boolean readsOnlyProcessNames() {
        return notAncestors.isEmpty() && fieldTests.length == 0 && notFieldTests.length == 0;
    }

    /**
     * @param captures filled with the named groups of the matching {@code match} pattern
     * @return true if every condition holds
     */
    public boolean matches(EventView v, Map<String, String> captures) {
        // every condition is a pure test: cheapest and most selective first (set lookups, substrings, fields, patterns)
        if (executableContainsArray.length > 0) {
            if (executableIds != null) {
                if (!v.executableWords(executableIndex).any(executableIds)) {
                    return false;
                }
            } else if (!containsAny(v.executable(), executableContainsArray)) {
                return false;
            }
        }
        if (!parents.isEmpty() && (v.parent == null || !parents.contains(v.parent.program())
                && !parents.contains(v.parent.exeBase()))) {
            return false;
        }
        if (!notParents.isEmpty() && v.parent != null && (notParents.contains(v.parent.program())
                || notParents.contains(v.parent.exeBase()))) {
            return false;
        }
        if (!notAncestors.isEmpty() && underAny(v, notAncestors)) {
            return false;
        }
        if (keywordArray.length > 0) {
            if (keywordIds != null) {
                if (!v.keywords(keywordIndex).any(keywordIds)) {
                    return false;
                }
            } else if (!containsAny(v.lowerCommandLine(), keywordArray)) {
                return false;
            }
        }
        for (FieldTest f : fieldTests) {
            if (!f.finds(v)) {
                return false;
            }
        }
        for (FieldTest f : notFieldTests) {
            if (f.finds(v)) {
                return false;
            }
        }
        if (executableArray.length > 0 && !anyFinds(executableArray, v.executable())) {
            return false;
        }
        if (notExecutableArray.length > 0 && anyFinds(notExecutableArray, v.executable())) {
            return false;
        }
        String text = textIsCommandLine ? v.commandLine() : "";
        if (matchArray.length > 0) {
            boolean found = false;
            for (int k = 0; k < matchArray.length; k++) {
                if (matchTests[k] != null) {
                    if (matchTests[k].finds(text)) {
                        found = true; // nothing to capture
                        break;
                    }
                    continue;
                }
                Matcher m = matchArray[k].matcher(text);
                if (m.find()) {
                    found = true;
                    for (String g : matchGroups[k]) {
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
        return unlessArray.length == 0 || !anyFinds(unlessArray, text);
    }

    private static boolean containsAny(String s, String[] words) {
        for (String w : words) {
            if (s.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** @return the severity for this hit: the escalation's when its pattern finds, else the rule's (may be null) */
    public String severityFor(EventView v) {
        if (escalateWhen != null && escalateWhen.matcher(v.commandLine()).find()) {
            return escalateTo;
        }
        return severity;
    }

    private static boolean anyFinds(TextTest[] ts, String s) {
        for (TextTest t : ts) {
            if (t.finds(s)) {
                return true;
            }
        }
        return false;
    }
}
