package io.edgesec.detector.internal.engine;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.stateful.StatefulRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stateful rules of one configuration, handled as a group: each engine step (event, snapshot,
 * time passing, end) goes to every rule, and their state is saved and restored together. A new
 * configuration that changes their settings makes a new group.
 */
final class StatefulRulesInForce {
    /** Replays of foreign logs can bring many event names: the per-name cache is bounded. */
    private static final int MAX_NAMES = 256;

    private final List<StatefulRule> rules;
    private final Map<String, StatefulRule[]> byEvent = new HashMap<>();

    StatefulRulesInForce(DetectorSettings settings) {
        this.rules = StatefulRules.create(settings);
    }

    /**
     * @return the rules that read events named {@code name} ({@link StatefulRule#events}), in their
     *         order; filtered once per name, not per event (most read process starts only)
     */
    StatefulRule[] forEvent(String name) {
        StatefulRule[] a = byEvent.get(name);
        if (a == null) {
            if (byEvent.size() >= MAX_NAMES) {
                byEvent.clear();
            }
            List<StatefulRule> l = new ArrayList<>(rules.size());
            for (StatefulRule r : rules) {
                Set<String> names = r.events();
                if (names == null || names.contains(name)) {
                    l.add(r);
                }
            }
            a = l.toArray(new StatefulRule[0]);
            byEvent.put(name, a);
        }
        return a;
    }

    /** A snapshot as a whole (even one with no item): see {@link StatefulRule#onSnapshot}. */
    void onSnapshot(SecurityEvent e, StatefulRule.Raiser raise) {
        for (StatefulRule r : rules) {
            r.onSnapshot(e, raise);
        }
    }

    void expire(Instant now, StatefulRule.Raiser raise) {
        for (StatefulRule r : rules) {
            r.expire(now, raise);
        }
    }

    void finish(StatefulRule.Raiser raise) {
        for (StatefulRule r : rules) {
            r.finish(raise);
        }
    }

    /** @return true while some rule could still raise on a later {@link #expire} */
    boolean waiting() {
        for (StatefulRule r : rules) {
            if (r.waiting()) {
                return true;
            }
        }
        return false;
    }

    /** @return state entries evicted by all rules since they were made */
    long evictions() {
        long n = 0;
        for (StatefulRule r : rules) {
            n += r.evictions();
        }
        return n;
    }

    /** Adds each rule's saved state to {@code into} under its {@link StatefulRule#stateName}. */
    void snapshot(Map<String, List<Map<String, Object>>> into) {
        for (StatefulRule r : rules) {
            if (r.stateName() != null) {
                into.put(r.stateName(), r.snapshot());
            }
        }
    }

    /** Takes back what {@link #snapshot} saved; a rule with no entry starts empty. */
    void restore(Map<String, List<Map<String, Object>>> state, Instant now) {
        for (StatefulRule r : rules) {
            List<Map<String, Object>> l = r.stateName() == null ? null : state.get(r.stateName());
            if (l != null) {
                r.restore(l, now);
            }
        }
    }
}
