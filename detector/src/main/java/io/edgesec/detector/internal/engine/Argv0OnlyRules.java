package io.edgesec.detector.internal.engine;

import io.edgesec.detector.internal.rules.PatternRule;
import io.edgesec.detector.internal.rules.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules naming a process's argv[0] that do not also name its executable (those ran already):
 * {@code sh} run by {@code dash}, {@code python3} by {@code python3.11}. The pairs are few; each
 * is filtered once per rule set instead of once per event and rule.
 */
final class Argv0OnlyRules {
    /** A flood of executables run as "sh" must not grow the cache without bound. */
    private static final int MAX_PAIRS = 1024;

    private final Map<String, Map<String, List<PatternRule>>> byArgv0AndExe = new HashMap<>();
    private RuleSet filteredFrom;
    private int pairs;

    /** @return the rules of {@code rules} for program {@code argv0} that do not name {@code exe} */
    List<PatternRule> of(RuleSet rules, String argv0, String exe) {
        List<PatternRule> all = rules.forProgram(argv0);
        if (all.isEmpty()) {
            return all;
        }
        if (filteredFrom != rules || pairs >= MAX_PAIRS) {
            byArgv0AndExe.clear();
            pairs = 0;
            filteredFrom = rules;
        }
        Map<String, List<PatternRule>> byExe = byArgv0AndExe.computeIfAbsent(argv0, k -> new HashMap<>());
        List<PatternRule> l = byExe.get(exe);
        if (l == null) {
            l = new ArrayList<>(all.size());
            for (PatternRule r : all) {
                if (!r.programs().contains(exe)) {
                    l.add(r);
                }
            }
            byExe.put(exe, l);
            pairs++;
        }
        return l;
    }
}
