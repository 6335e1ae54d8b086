package io.edgesec.detector.internal.engine;

import io.edgesec.api.event.EventNames;
import io.edgesec.detector.internal.rules.PatternRule;
import io.edgesec.detector.internal.rules.RuleSet;
import io.edgesec.detector.internal.view.EventView;
import io.edgesec.detector.internal.view.ProcessInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the pattern rules of the rule files on one event item and raises a hit for each match.
 * The rules are looked up by program (a process start) or by event name, so an item meets only
 * the rules that could match it.
 */
final class PatternMatcher {
    /** What a rule folds its repeats by when it names no key of its own. */
    private static final List<String> DEFAULT_KEY = List.of("User", "Executable", "CommandLine", "ContainerId",
            "RemoteAddress", "RemotePort");

    private final StatefulRule.Raiser raiser;
    private final Argv0OnlyRules argv0Only = new Argv0OnlyRules();
    /** Reused for every rule: a rule's named groups, cleared before each match. */
    private final Map<String, String> captures = new HashMap<>();
    /** Process starts that no pattern rule matched, by what the rules read (256: a device's usual repeats). */
    private final QuietProcessStarts quiet = new QuietProcessStarts(256);
    private static final int MATCHED = 1;
    private static final int NOT_REMEMBERABLE = 2;
    /** Alerts already raised from a container inventory, by alert and container. */
    private final BoundedLru<String, Boolean> inventoryRaised;

    PatternMatcher(StatefulRule.Raiser raiser, int stateCapacity) {
        this.raiser = raiser;
        this.inventoryRaised = new BoundedLru<>(stateCapacity);
    }

    /**
     * A process start: the rules for its executable, then for its argv[0], then those for any
     * process; skipped for a start identical to one they did not match (see {@link QuietProcessStarts}).
     *
     * @param self the start's record in the process table (null: not recorded, e.g. no pid)
     */
    void processStart(EventView v, ProcessInfo self, RuleSet rules) {
        if (self != null && quiet.isKnownQuiet(self, v.parent, rules)) {
            return;
        }
        String exe = v.exeBase();
        String argv0 = v.argv0Base();
        int m = match(v, rules.forProgram(exe));
        if (!argv0.equals(exe)) {
            m |= match(v, argv0Only.of(rules, argv0, exe)); // skipping those run for the executable
        }
        m |= match(v, rules.processOther());
        if (m == 0 && self != null) {
            quiet.rememberQuiet(self, v.parent, rules);
        }
    }

    /** A new rule set or configuration: the remembered quiet starts are forgotten. */
    void reconfigured(RuleSet rules) {
        quiet.forget(rules);
    }

    /** @return how many process starts skipped the pattern rules as known quiet (tests) */
    long quietHits() {
        return quiet.hits();
    }

    /** Any other event: the rules for its name. */
    void event(EventView v, RuleSet rules) {
        match(v, rules.forEvent(v.name()));
    }

    /**
     * @return {@link #MATCHED} if a rule matched, {@link #NOT_REMEMBERABLE} if a rule read more
     *         than {@link QuietProcessStarts} keys by, or both, or 0
     */
    private int match(EventView v, List<PatternRule> list) {
        int out = 0;
        for (int i = 0; i < list.size(); i++) {
            PatternRule r = list.get(i);
            if (!r.readsOnlyProcessNames()) {
                out |= NOT_REMEMBERABLE;
            }
            captures.clear();
            if (r.matches(v, captures)) {
                out |= MATCHED;
                Map<String, String> ents = raiser.entities(v);
                ents.putAll(captures);
                List<String> key = r.key().isEmpty() ? DEFAULT_KEY : r.key();
                if (EventNames.CONTAINER_INVENTORY.equals(v.name())
                        && inventoryRaised.put(r.alertId() + '\u0000' + v.field("ContainerId"), Boolean.TRUE) != null) {
                    continue; // a snapshot repeats what the last one said: once per container
                }
                raiser.raise(r.alertId(), ents, key, AlertFactory.describe(r.description(), ents, v::field), r.severityFor(v),
                        AlertFactory.evidence(v.event().id()), v.event().timestamp());
            }
        }
        return out;
    }
}
