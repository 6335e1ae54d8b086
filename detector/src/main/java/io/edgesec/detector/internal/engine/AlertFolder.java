package io.edgesec.detector.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Folds repeats: the first hit of an alert for a set of key entities is raised at once (Count 1);
 * further hits within the suppression window only count; when the window closes (or the state
 * must go: eviction, end of input, shutdown) a window with repeats is raised once more with the
 * totals ({@code Count}, {@code FirstSeen}, {@code LastSeen}, evidence of all of them up to the
 * cap). A storm of N identical hits is two alerts, never N.
 */
final class AlertFolder {
    static final int MAX_EVIDENCE = 20;

    /** One open window. */
    static final class Fold {
        final Hit first;
        Hit last;
        long count = 1;
        final List<String> evidence = new ArrayList<>();
        String severity;

        Fold(Hit h) {
            first = h;
            last = h;
            severity = h.severity;
            addEvidence(h);
        }

        void addEvidence(Hit h) {
            for (String id : h.evidence) {
                if (evidence.size() < MAX_EVIDENCE && !evidence.contains(id)) {
                    evidence.add(id);
                }
            }
        }
    }

    /** What the folder hands out: a hit to raise, with its totals so far. */
    record Raised(Hit hit, long count, Instant firstSeen, Instant lastSeen, List<String> evidence, String severity) {
    }

    /** The open windows in the order they opened: closing the ended ones looks at those only. */
    private final BoundedLru<String, Fold> open;
    private final List<Raised> pending = new ArrayList<>();
    private Duration window;
    /** Offline: the first hit is not raised at once; each window is raised once, with its totals, when it closes. */
    private final boolean holdUntilClosed;

    AlertFolder(int capacity, Duration window, boolean holdUntilClosed) {
        this.window = window;
        this.holdUntilClosed = holdUntilClosed;
        this.open = new BoundedLru<String, Fold>(capacity, false).onEvict((k, f) -> closed(f));
    }

    void window(Duration w) {
        this.window = w;
    }

    /** Takes a hit; what is to be raised now goes to {@link #drain}. */
    void add(Hit h) {
        String key = h.foldKey();
        Fold f = open.get(key);
        if (f != null && h.time.isBefore(f.first.time.plus(window))) {
            f.count++;
            if (h.time.isAfter(f.last.time)) {
                f.last = h;
            }
            f.addEvidence(h);
            if (rank(h.severity) > rank(f.severity)) {
                f.severity = h.severity; // a repeat that knows more (a privileged group) raises the fold's severity
            }
            return;
        }
        if (f != null) {
            open.remove(key);
            closed(f);
        }
        Fold n = new Fold(h);
        open.put(key, n);
        if (!holdUntilClosed) {
            pending.add(new Raised(h, 1, h.time, h.time, List.copyOf(n.evidence), n.severity));
        }
    }

    /** Closes the windows that ended before {@code now}. */
    void expire(Instant now) {
        for (Iterator<Map.Entry<String, Fold>> it = open.entrySet().iterator(); it.hasNext();) {
            Fold f = it.next().getValue();
            if (now.isBefore(f.first.time.plus(window))) {
                return; // the windows after it opened later
            }
            it.remove();
            closed(f);
        }
    }

    /** Closes every window (end of input, shutdown). */
    void closeAll() {
        for (Fold f : open.values()) {
            closed(f);
        }
        open.clear();
    }

    /** @return true if a window holds repeats whose totals its closing will raise (scans: once per tick) */
    boolean hasRepeats() {
        for (Fold f : open.values()) {
            if (f.count > 1 || holdUntilClosed) {
                return true;
            }
        }
        return false;
    }

    List<Raised> drain() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<Raised> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }

    private void closed(Fold f) {
        if (f.count > 1 || holdUntilClosed) {
            pending.add(new Raised(f.last, f.count, f.first.time, f.last.time, List.copyOf(f.evidence), f.severity));
        }
    }

    /** Sends the totals of every window with repeats now; the windows stay open, counting afresh. */
    void reportRepeats() {
        for (Fold f : open.values()) {
            if (f.count > 1) {
                closed(f);
                f.count = 1;
                f.evidence.clear();
                f.addEvidence(f.last);
            }
        }
    }

    List<Map<String, Object>> snapshot() {
        List<Map<String, Object>> out = new ArrayList<>(open.size());
        for (Fold f : open.values()) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("alertId", f.first.alertId);
            m.put("entities", f.first.entities);
            m.put("key", f.first.key);
            m.put("description", f.first.description);
            m.put("severity", f.severity);
            m.put("first", f.first.time.toString());
            m.put("last", f.last.time.toString());
            m.put("count", f.count);
            m.put("evidence", f.evidence);
            out.add(m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    void restore(List<Map<String, Object>> entries, Instant now) {
        for (Map<String, Object> m : entries) {
            try {
                Instant first = Instant.parse((String) m.get("first"));
                if (!now.isBefore(first.plus(window))) {
                    continue;
                }
                Map<String, String> ents = new java.util.LinkedHashMap<>();
                ((Map<String, Object>) m.get("entities")).forEach((k, v) -> ents.put(k, String.valueOf(v)));
                List<String> key = new ArrayList<>();
                ((List<Object>) m.get("key")).forEach(k -> key.add(String.valueOf(k)));
                List<String> ev = new ArrayList<>();
                ((List<Object>) m.get("evidence")).forEach(k -> ev.add(String.valueOf(k)));
                Hit h = new Hit((String) m.get("alertId"), ents, List.copyOf(key), (String) m.get("description"),
                        (String) m.get("severity"), List.copyOf(ev), first);
                Fold f = new Fold(h);
                f.count = ((Number) m.get("count")).longValue();
                f.last = new Hit(h.alertId, ents, h.key, h.description, h.severity, h.evidence,
                        Instant.parse((String) m.get("last")));
                open.put(h.foldKey(), f);
            } catch (RuntimeException e) {
                // a damaged entry is skipped: the state is a convenience, never a reason not to start
            }
        }
    }

    long evictions() {
        return open.evictions();
    }

    static int rank(String severity) {
        return severity == null ? 0 : switch (severity) {
            case "High" -> 3;
            case "Medium" -> 2;
            case "Low" -> 1;
            default -> 0;
        };
    }
}
