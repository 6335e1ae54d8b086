package io.edgesec.detector.internal.engine;

import io.edgesec.api.detect.EventDetector;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.rules.AlertInfo;
import io.edgesec.detector.internal.rules.PatternRule;
import io.edgesec.detector.internal.rules.RuleSet;
import io.edgesec.detector.internal.stateful.StatefulRules;
import io.edgesec.detector.internal.view.EventView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges events: pattern rules from the rule files, stateful rules, custom alerts; then the
 * configuration's disable/suppress/severity, then folding. One thread only (the detector's own,
 * or an offline command's).
 */
public final class DetectionEngine implements EventDetector {
    private static final List<String> DEFAULT_KEY = List.of("User", "Executable", "CommandLine", "ContainerId",
            "RemoteAddress", "RemotePort");

    private RuleSet rules;
    private DetectorSettings settings;
    private final ProcessTable processes;
    /** The table as rules see it (ancestor walks of {@code notAncestor}). */
    private final java.util.function.IntFunction<io.edgesec.detector.internal.view.ProcessInfo> lookup;
    private final AlertFolder folder;
    private List<StatefulRule> stateful;
    /** {@link #stateful} by event name, for {@link #statefulFor}. */
    private final Map<String, StatefulRule[]> statefulByEvent = new HashMap<>();
    private List<StatefulRule> statefulByEventOf;
    private final Raiser raiser = new Raiser();
    /** The keyword scans of recent command lines and executables (repeats are the rule: an exec load, cron jobs). */
    private final io.edgesec.detector.internal.rules.KeywordIndex.Recent recentCommandLines =
            new io.edgesec.detector.internal.rules.KeywordIndex.Recent(512, 512);
    private final io.edgesec.detector.internal.rules.KeywordIndex.Recent recentExecutables =
            new io.edgesec.detector.internal.rules.KeywordIndex.Recent(256, 256);
    private final Map<String, String> captures = new HashMap<>();
    /** {@link #argv0Only} by argv[0] and executable, for {@link #argv0RulesOf}. */
    private final Map<String, Map<String, List<PatternRule>>> argv0Rules = new HashMap<>();
    private RuleSet argv0RulesOf;
    private int argv0RulePairs;
    /** Alerts already raised from a container inventory, by alert and container. */
    private final BoundedLru<String, Boolean> inventoryRaised;
    private long suppressed;
    private long raised;
    private Instant clock = Instant.EPOCH;
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
        this.processes = new ProcessTable(Math.max(4 * settings.stateCapacity, 1000));
        this.lookup = processes::get;
        this.folder = new AlertFolder(settings.stateCapacity, settings.suppressionWindow, offline);
        this.stateful = StatefulRules.create(settings);
        this.inventoryRaised = new BoundedLru<>(settings.stateCapacity);
    }

    @Override
    public List<SecurityEvent> detect(SecurityEvent e) {
        String name = e.name();
        if (EventNames.ALERT.equals(name)) {
            return List.of();
        }
        if (e.timestamp().isAfter(clock)) {
            clock = e.timestamp();
        }
        if (e.category() == io.edgesec.api.event.EventCategory.PERIODIC) {
            snapshot(e);
        }
        StatefulRule[] statefulHere = statefulFor(name);
        List<Map<String, Object>> items = e.payload();
        if (!(items instanceof java.util.RandomAccess)) {
            items = new ArrayList<>(items);
        }
        // by index: the payload is an unmodifiable list, whose iterator (two objects per event, not
        // eliminated by the JIT here) was two fifths of the engine's allocation
        for (int k = 0, n = items.size(); k < n; k++) {
            Map<String, Object> item = items.get(k);
            EventView v = new EventView(e, item);
            v.processes = lookup;
            v.recentCommandLines = recentCommandLines;
            v.recentExecutables = recentExecutables;
            if (EventNames.PROCESS_CREATE.equals(name)) {
                v.parent = processes.get(v.ppid());
                processes.put(v);
                String exe = v.exeBase();
                String argv0 = v.argv0Base();
                match(v, rules.forProgram(exe));
                if (!argv0.equals(exe)) {
                    match(v, argv0Only(argv0, exe)); // skipping those run for the executable
                }
                match(v, rules.processOther());
            } else {
                if (EventNames.CONNECTION_CREATE.equals(name) || SystemChanges.withProcess(name)) {
                    v.parent = processes.get(v.pid()); // the process itself, for its parent's context
                }
                match(v, rules.forEvent(name));
            }
            for (StatefulRule r : statefulHere) {
                r.onEvent(v, raiser);
            }
        }
        expire();
        return drain();
    }

    /**
     * @return the stateful rules that read events named {@code name} ({@link StatefulRule#events}),
     *         in their order; filtered once per name and configuration, not per event
     */
    private StatefulRule[] statefulFor(String name) {
        if (statefulByEventOf != stateful || statefulByEvent.size() >= 256) {
            statefulByEvent.clear(); // a new configuration, or many names (replays of foreign logs): bounded
            statefulByEventOf = stateful;
        }
        StatefulRule[] a = statefulByEvent.get(name);
        if (a == null) {
            List<StatefulRule> l = new ArrayList<>(stateful.size());
            for (StatefulRule r : stateful) {
                java.util.Set<String> names = r.events();
                if (names == null || names.contains(name)) {
                    l.add(r);
                }
            }
            a = l.toArray(new StatefulRule[0]);
            statefulByEvent.put(name, a);
        }
        return a;
    }

    /** A snapshot as a whole (even one with no item): see {@link StatefulRule#onSnapshot}. */
    private void snapshot(SecurityEvent e) {
        for (StatefulRule r : stateful) {
            r.onSnapshot(e, raiser);
        }
    }

    private void expire() {
        // windows are seconds to minutes long: looking once per second of event time is enough
        if (clock.getEpochSecond() == lastExpire) {
            return;
        }
        lastExpire = clock.getEpochSecond();
        for (StatefulRule r : stateful) {
            r.expire(clock, raiser);
        }
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
        folder.window(s.suppressionWindow);
        boolean same = old.bruteForceThreshold == s.bruteForceThreshold && old.bruteForceWindow.equals(s.bruteForceWindow)
                && old.reconThreshold == s.reconThreshold && old.reconWindow.equals(s.reconWindow)
                && old.downloadWindow.equals(s.downloadWindow) && old.stateCapacity == s.stateCapacity
                && old.allowedProcesses.equals(s.allowedProcesses) && old.allowedUsers.equals(s.allowedUsers)
                && old.allowedOutbound.equals(s.allowedOutbound) && old.deniedAddresses.equals(s.deniedAddresses)
                && java.util.Arrays.equals(old.failedLoginRange, s.failedLoginRange)
                && java.util.Arrays.equals(old.activeConnectionsRange, s.activeConnectionsRange)
                && old.rangeWindow.equals(s.rangeWindow);
        if (!same) {
            Map<String, List<Map<String, Object>>> kept = stateSnapshot();
            stateful = StatefulRules.create(s);
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
        for (StatefulRule r : stateful) {
            if (r.stateName() != null) {
                m.put(r.stateName(), r.snapshot());
            }
        }
        return m;
    }

    /** Takes back a {@link #stateSnapshot()}; entries older than their windows are skipped. */
    public void restoreState(Map<String, List<Map<String, Object>>> state, Instant now) {
        List<Map<String, Object>> folds = state.get("folds");
        if (folds != null) {
            folder.restore(folds, now);
        }
        for (StatefulRule r : stateful) {
            List<Map<String, Object>> l = r.stateName() == null ? null : state.get(r.stateName());
            if (l != null) {
                r.restore(l, now);
            }
        }
        if (now.isAfter(clock)) {
            clock = now;
        }
    }

    /** Closes suppression windows that ended by {@code now} (a wall-clock tick when no event comes). */
    public List<SecurityEvent> tick(Instant now) {
        ticks++;
        if (now.isAfter(clock)) {
            clock = now;
        }
        expire();
        return drain();
    }

    /**
     * @return true when no later {@link #tick} could raise anything (no fold with repeats to
     *         report, no rule {@link StatefulRule#waiting}): the detector thread then sleeps until
     *         the next event instead of ticking. Scans state: call it at most once per tick.
     */
    public boolean idle() {
        if (folder.hasRepeats()) {
            return false;
        }
        for (StatefulRule r : stateful) {
            if (r.waiting()) {
                return false;
            }
        }
        return true;
    }

    /** @return how many times {@link #tick} ran (tests: no tick work while idle) */
    public long ticks() {
        return ticks;
    }

    @Override
    public List<SecurityEvent> finish() {
        for (StatefulRule r : stateful) {
            r.finish(raiser);
        }
        folder.closeAll();
        return drain();
    }

    /**
     * @return the rules naming program {@code argv0} that do not also name {@code exe} (those ran
     *         already): {@code sh} run by {@code dash}, {@code python3} by {@code python3.11}. The
     *         pairs are few; each is filtered once per rule set instead of per event and rule.
     */
    private List<PatternRule> argv0Only(String argv0, String exe) {
        List<PatternRule> all = rules.forProgram(argv0);
        if (all.isEmpty()) {
            return all;
        }
        if (argv0RulesOf != rules || argv0RulePairs >= 1024) {
            argv0Rules.clear(); // a new rule set, or many pairs (a flood of executables run as "sh": bounded)
            argv0RulePairs = 0;
            argv0RulesOf = rules;
        }
        Map<String, List<PatternRule>> byExe = argv0Rules.computeIfAbsent(argv0, k -> new HashMap<>());
        List<PatternRule> l = byExe.get(exe);
        if (l == null) {
            l = new ArrayList<>(all.size());
            for (PatternRule r : all) {
                if (!r.programs().contains(exe)) {
                    l.add(r);
                }
            }
            byExe.put(exe, l);
            argv0RulePairs++;
        }
        return l;
    }

    private void match(EventView v, List<PatternRule> list) {
        for (int i = 0; i < list.size(); i++) {
            PatternRule r = list.get(i);
            captures.clear();
            if (r.matches(v, captures)) {
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
    }

    private List<SecurityEvent> drain() {
        List<AlertFolder.Raised> out = folder.drain();
        if (out.isEmpty()) {
            return List.of();
        }
        List<SecurityEvent> alerts = new ArrayList<>(out.size());
        for (AlertFolder.Raised r : out) {
            String id = r.hit().alertId();
            AlertInfo info = rules.alert(id);
            if (info == null) {
                info = new AlertInfo(id, id, "Medium", List.of(), "");
            }
            String sev = settings.severityOverrides.get(id);
            if (sev == null) {
                sev = r.severity() != null ? r.severity() : info.severity();
            }
            alerts.add(AlertFactory.build(info, r, sev));
            raised++;
        }
        return alerts;
    }

    /** @return counters for status reports: raised, suppressed, evictions per kind of state */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("AlertsRaised", raised);
        m.put("AlertsSuppressed", suppressed);
        m.put("ProcessTableEvictions", processes.evictions());
        m.put("FoldEvictions", folder.evictions());
        long st = 0;
        for (StatefulRule r : stateful) {
            st += r.evictions();
        }
        m.put("StatefulEvictions", st);
        return m;
    }

    /** @return the number of rules in force */
    public int ruleCount() {
        return rules.size();
    }

    public RuleSet rules() {
        return rules;
    }

    private final class Raiser implements StatefulRule.Raiser {
        @Override
        public void raise(String alertId, Map<String, String> entities, List<String> key, String description,
                String severity, List<String> evidence, Instant time) {
            if (settings.disabledAlerts.contains(alertId)) {
                return;
            }
            for (Suppression s : settings.suppressions) {
                if (s.matches(alertId, entities)) {
                    suppressed++;
                    return;
                }
            }
            folder.add(new Hit(alertId, entities, key, description, severity, evidence, time));
        }

        @Override
        public Map<String, String> entities(EventView v) {
            Map<String, String> m = new LinkedHashMap<>();
            if (EventNames.ACCOUNT_CHANGE.equals(v.name())) {
                put(m, "TargetUser", v.field("UserName").isEmpty() ? v.field("UserId") : v.field("UserName"));
                put(m, "Group", v.field("GroupName"));
                put(m, "User", v.field("ActorUserId"));
            } else {
                put(m, "User", v.user());
            }
            if (v.pid() > 0) {
                m.put("ProcessId", Integer.toString(v.pid()));
            }
            put(m, "Executable", v.executable());
            put(m, "CommandLine", v.commandLine());
            if (v.parent != null) {
                boolean self = v.parent.pid() == v.pid(); // a connection: the table holds the process itself
                var parent = self ? processes.get(v.parent.ppid()) : v.parent;
                if (parent != null) {
                    put(m, "ParentExecutable", parent.executable());
                    put(m, "ParentCommandLine", parent.commandLine());
                }
            }
            put(m, "LoginSession", v.field("ExtraDetails.AuditUserId"));
            put(m, "RemoteAddress", v.field("RemoteAddress"));
            put(m, "RemotePort", v.field("RemotePort"));
            put(m, "LocalAddress", v.field("LocalAddress")); // a listener (ListeningPorts)
            put(m, "LocalPort", v.field("LocalPort"));
            put(m, "ContainerId", v.field("ContainerId"));
            put(m, "ContainerName", v.field("ContainerName"));
            put(m, "Module", v.field("ModuleName"));
            put(m, "Image", v.field("Image"));
            put(m, "Terminal", v.field("ExtraDetails.Terminal"));
            if (SystemChanges.withProcess(v.name())) {
                SystemChanges.entities(v, m);
            }
            return m;
        }

        private void put(Map<String, String> m, String k, String v) {
            if (v != null && !v.isEmpty()) {
                m.put(k, v);
            }
        }
    }
}
