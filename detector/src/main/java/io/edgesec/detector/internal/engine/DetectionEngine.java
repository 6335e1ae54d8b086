package io.edgesec.detector.internal.engine;

import io.edgesec.api.detect.EventDetector;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.rules.RuleSet;
import io.edgesec.detector.internal.view.CommandLine;
import io.edgesec.detector.internal.view.EventView;
import io.edgesec.detector.internal.view.ProcessInfo;
import io.edgesec.detector.internal.view.ReadAhead;
import io.edgesec.detector.internal.view.RecentNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * Judges events: pattern rules from the rule files ({@link PatternMatcher}), stateful rules
 * ({@link StatefulRulesInForce}); then the configuration's disable/suppress ({@link AlertGate}),
 * folding ({@link AlertFolder}) and severity ({@link AlertIssuer}). This class keeps the event
 * clock and the order of those steps. One thread only (the detector's own, or an offline
 * command's).
 */
public final class DetectionEngine implements EventDetector {
    private RuleSet rules;
    private DetectorSettings settings;
    private final ProcessTable processes;
    /** The table as rules see it (ancestor walks of {@code notAncestor}). */
    private final IntFunction<ProcessInfo> lookup;
    private final AlertFolder folder;
    private final AlertGate gate;
    private final PatternMatcher patterns;
    private final AlertIssuer issuer = new AlertIssuer();
    private StatefulRulesInForce stateful;
    /** The keyword scans of recent command lines and executables (repeats are the rule: an exec load, cron jobs). */
    private final io.edgesec.detector.internal.rules.KeywordIndex.Recent recentCommandLines =
            new io.edgesec.detector.internal.rules.KeywordIndex.Recent(512, 512);
    private final io.edgesec.detector.internal.rules.KeywordIndex.Recent recentExecutables =
            new io.edgesec.detector.internal.rules.KeywordIndex.Recent(256, 256);
    /** Base names of recent executables and of recent command lines' argv[0] (see RecentNames). */
    private final RecentNames exeBases = new RecentNames(256, 256, CommandLine::baseName);
    private final RecentNames argv0Bases = new RecentNames(512, 512, c -> EventView.argv0Base(c, null));
    private Instant clock = Instant.EPOCH;
    /** {@link #clock}'s seconds and nanoseconds, kept here so that the clock is compared without reading its Instant. */
    private long clockSecond;
    private int clockNano;
    private long lastExpire = Long.MIN_VALUE;
    private long ticks;

    /** The live engine: a new alert is raised at once, its repeats when its window closes. */
    public DetectionEngine(RuleSet rules, DetectorSettings settings) {
        this(rules, settings, false);
    }

    /**
     * @param offline true for replays: each alert is raised once, when its window closes (or at
     *                {@link #finish()}), with all its repeats counted
     */
    public DetectionEngine(RuleSet rules, DetectorSettings settings, boolean offline) {
        this.rules = rules;
        this.settings = settings;
        this.processes = new ProcessTable(settings.processCapacity);
        this.lookup = processes::get;
        this.folder = new AlertFolder(settings.stateCapacity, settings.suppressionWindow, offline);
        this.gate = new AlertGate(folder, new AlertEntities(processes), settings);
        this.patterns = new PatternMatcher(gate, settings.stateCapacity);
        this.stateful = new StatefulRulesInForce(settings);
    }

    @Override
    public List<SecurityEvent> detect(SecurityEvent e) {
        String name = e.name();
        if (EventNames.ALERT.equals(name)) {
            return List.of();
        }
        advanceClock(e.timestamp());
        if (e.category() == EventCategory.PERIODIC) {
            stateful.onSnapshot(e, gate);
        }
        StatefulRule[] statefulHere = stateful.forEvent(name);
        List<Map<String, Object>> items = e.payload();
        if (!(items instanceof RandomAccess)) {
            items = new ArrayList<>(items);
        }
        // by index: the payload is an unmodifiable list, whose iterator (two objects per event, not
        // eliminated by the JIT here) was two fifths of the engine's allocation
        for (int k = 0, n = items.size(); k < n; k++) {
            judge(new EventView(e, items.get(k)), name, statefulHere);
        }
        expire();
        return drain();
    }

    /**
     * {@link #detect(SecurityEvent)} of an event as the detector's thread takes it from its queue:
     * a process start's fields read ahead on the collector's thread are not read again (see
     * {@link ReadAhead}); the same rules, in the same order, judge the same values.
     */
    public List<SecurityEvent> detect(ReadAhead r) {
        if (!r.process) {
            return detect(r.event);
        }
        // the event's time and category as read ahead: neither the event nor its Instant is read here
        advanceClock(r.timestamp, r.second, r.nano);
        if (r.category == EventCategory.PERIODIC) {
            stateful.onSnapshot(r.event, gate);
        }
        judge(new EventView(r), EventNames.PROCESS_CREATE, stateful.forEvent(EventNames.PROCESS_CREATE));
        expire();
        return drain();
    }

    /** One payload item of an event named {@code name}: the pattern rules, the process table, the stateful rules. */
    private void judge(EventView v, String name, StatefulRule[] statefulHere) {
        v.processes = lookup;
        v.recentCommandLines = recentCommandLines;
        v.recentExecutables = recentExecutables;
        v.exeBases = exeBases;
        v.argv0Bases = argv0Bases;
        if (EventNames.PROCESS_CREATE.equals(name)) {
            v.parent = processes.get(v.ppid());
            patterns.processStart(v, processes.put(v), rules);
        } else {
            if (EventNames.CONNECTION_CREATE.equals(name) || SystemChanges.withProcess(name)) {
                v.parent = processes.get(v.pid()); // the process itself, for its parent's context
            }
            patterns.event(v, rules);
        }
        for (StatefulRule r : statefulHere) {
            r.onEvent(v, gate);
        }
    }

    /** The event clock moves to {@code t} if {@code t} is later. */
    private void advanceClock(Instant t) {
        advanceClock(t, t.getEpochSecond(), t.getNano());
    }

    /**
     * {@link #advanceClock(Instant)} with {@code t}'s seconds and nanoseconds already read (a
     * {@link ReadAhead}'s): compared as {@link Instant#isAfter} compares, without reading {@code t}.
     */
    private void advanceClock(Instant t, long second, int nano) {
        if (second > clockSecond || second == clockSecond && nano > clockNano) {
            clock = t;
            clockSecond = second;
            clockNano = nano;
        }
    }

    private void expire() {
        // windows are seconds to minutes long: looking once per second of event time is enough
        if (clockSecond == lastExpire) {
            return;
        }
        lastExpire = clockSecond;
        stateful.expire(clock, gate);
        folder.expire(clock);
    }

    /**
     * A new configuration, on the engine's thread: rules, suppressions and severities apply to
     * the next event; the process table and the open fold windows are kept; the stateful rules
     * keep their state unless one of their own settings changed.
     */
    public void reconfigure(RuleSet newRules, DetectorSettings s) {
        DetectorSettings old = settings;
        rules = newRules;
        settings = s;
        gate.settings(s);
        patterns.reconfigured(newRules);
        folder.window(s.suppressionWindow);
        processes.capacity(s.processCapacity);
        if (!old.sameStatefulRules(s)) {
            Map<String, List<Map<String, Object>>> kept = stateSnapshot();
            stateful = new StatefulRulesInForce(s);
            restoreState(kept, clock);
        }
    }

    /**
     * Shutdown or update: every fold with repeats is sent with its count; the windows stay open
     * (their counts restart) so that a saved and restored engine folds later repeats into them.
     */
    public List<SecurityEvent> flushForShutdown() {
        folder.reportRepeats();
        return drain();
    }

    /** @return the state worth keeping across a detector update (fold windows, stateful rules) */
    public Map<String, List<Map<String, Object>>> stateSnapshot() {
        Map<String, List<Map<String, Object>>> m = new LinkedHashMap<>();
        m.put("folds", folder.snapshot());
        stateful.snapshot(m);
        return m;
    }

    /** Takes back a {@link #stateSnapshot()}; entries older than their windows are skipped. */
    public void restoreState(Map<String, List<Map<String, Object>>> state, Instant now) {
        List<Map<String, Object>> folds = state.get("folds");
        if (folds != null) {
            folder.restore(folds, now);
        }
        stateful.restore(state, now);
        advanceClock(now);
    }

    /** Closes suppression windows that ended by {@code now} (a wall-clock tick when no event comes). */
    public List<SecurityEvent> tick(Instant now) {
        ticks++;
        advanceClock(now);
        expire();
        return drain();
    }

    /**
     * @return true when no later {@link #tick} could raise anything (no fold with repeats to
     *         report, no rule {@link StatefulRule#waiting}): the detector thread then sleeps until
     *         the next event instead of ticking. Scans state: call it at most once per tick.
     */
    public boolean idle() {
        return !folder.hasRepeats() && !stateful.waiting();
    }

    /** @return how many times {@link #tick} ran (tests: no tick work while idle) */
    public long ticks() {
        return ticks;
    }

    @Override
    public List<SecurityEvent> finish() {
        stateful.finish(gate);
        folder.closeAll();
        return drain();
    }

    private List<SecurityEvent> drain() {
        return issuer.issue(folder.drain(), rules, settings);
    }

    /** @return counters for status reports: raised, suppressed, evictions per kind of state */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("AlertsRaised", issuer.issued());
        m.put("AlertsSuppressed", gate.suppressed());
        m.put("ProcessTableEvictions", processes.evictions());
        m.put("FoldEvictions", folder.evictions());
        m.put("StatefulEvictions", stateful.evictions());
        return m;
    }

    /** @return how many process starts skipped the pattern rules, identical to one none of them matched (tests) */
    long quietProcessStarts() {
        return patterns.quietHits();
    }

    /** @return the number of rules in force */
    public int ruleCount() {
        return rules.size();
    }

    public RuleSet rules() {
        return rules;
    }
}
