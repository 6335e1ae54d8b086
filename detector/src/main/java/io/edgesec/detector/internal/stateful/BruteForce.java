package io.edgesec.detector.internal.stateful;

import io.edgesec.detector.internal.engine.BoundedLru;
import io.edgesec.detector.internal.engine.DetectorSettings;
import io.edgesec.detector.internal.view.EventView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IOTA-031 (N failed logins for one account or from one address within the window) and IOTA-002
 * (then a success for it). One failure per attempt: {@code su} and sshd write a USER_AUTH per
 * password tried; a USER_LOGIN failure of the same process right after one is the same attempt.
 */
final class BruteForce extends OneEventRule {
    private static final class Failures {
        final ArrayDeque<Instant> times = new ArrayDeque<>();
        final List<String> evidence = new ArrayList<>();
        /** IOTA-031 waiting: raised when no success follows within the grace period. */
        Map<String, String> pendingEntities;
        String pendingDescription;
        Instant lastFailure;
    }

    /** How long a success may follow the last failure and still make the attempt IOTA-002 instead of IOTA-031. */
    static final Duration GRACE = Duration.ofSeconds(60);

    private final int threshold;
    private final Duration window;
    private final BoundedLru<String, Failures> byKey;
    private final BoundedLru<Integer, Instant> lastAuthFailureByPid;

    BruteForce(DetectorSettings s) {
        super("Login");
        threshold = s.bruteForceThreshold;
        window = s.bruteForceWindow;
        byKey = new BoundedLru<>(s.stateCapacity);
        lastAuthFailureByPid = new BoundedLru<>(s.stateCapacity);
    }

    @Override
    void judge(EventView v, Raiser raise) {
        String user = v.field("UserName");
        if (user.startsWith("(") || user.startsWith("unknown(")) {
            user = ""; // "(invalid user)", "(unknown)": count by address only
        }
        String addr = v.field("RemoteAddress");
        if (addr.equals("?") || addr.isEmpty()) {
            addr = "";
        }
        Instant t = v.event().timestamp();
        boolean success = "Success".equals(v.field("Result"));
        String type = v.field("ExtraDetails.RecordType");
        if (!success) {
            if ("USER_AUTH".equals(type)) {
                lastAuthFailureByPid.put(v.pid(), t);
            } else {
                Instant a = lastAuthFailureByPid.get(v.pid());
                if (a != null && !t.isAfter(a.plusSeconds(5))) {
                    return; // the same attempt, recorded twice
                }
            }
            fail(v, raise, "User", user, t);
            fail(v, raise, "RemoteAddress", addr, t);
        } else {
            succeed(v, raise, "User", user, t);
            succeed(v, raise, "RemoteAddress", addr, t);
        }
    }

    private void fail(EventView v, Raiser raise, String kind, String value, Instant t) {
        if (value.isEmpty()) {
            return;
        }
        Failures f = byKey.computeIfAbsent(kind + "=" + value, k -> new Failures());
        prune(f, t);
        f.times.addLast(t);
        if (f.evidence.size() < 20) {
            f.evidence.add(v.event().id());
        }
        if (f.times.size() > 4 * threshold) {
            f.times.removeFirst(); // only "at least N" matters
        }
        f.lastFailure = t;
        if (f.times.size() >= threshold) {
            f.pendingEntities = entities(v, raise);
            f.pendingDescription = f.times.size() + " failed logins " + describe(kind, value) + " within "
                    + window.toMinutes() + " min, without success";
        }
    }

    @Override
    public void expire(Instant now, Raiser raise) {
        if (now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plusSeconds(1);
        for (var it = byKey.entrySet().iterator(); it.hasNext();) {
            Failures f = it.next().getValue();
            if (f.pendingEntities != null && !now.isBefore(f.lastFailure.plus(GRACE))) {
                raise031(f, raise);
                it.remove();
            }
        }
    }

    @Override
    public boolean waiting() {
        for (Failures f : byKey.values()) {
            if (f.pendingEntities != null) {
                return true; // an IOTA-031 waits for its grace period to end
            }
        }
        return false;
    }

    @Override
    public void finish(Raiser raise) {
        for (Failures f : byKey.values()) {
            if (f.pendingEntities != null) {
                raise031(f, raise);
            }
        }
        byKey.clear();
    }

    private Instant nextCheck = Instant.EPOCH;

    private void raise031(Failures f, Raiser raise) {
        String kind = f.pendingEntities.containsKey("RemoteAddress") && f.pendingDescription.contains(" from ")
                ? "RemoteAddress" : "User";
        raise.raise("IOTA-031", f.pendingEntities, List.of(kind), f.pendingDescription, null, List.copyOf(f.evidence),
                f.lastFailure);
        f.pendingEntities = null;
    }

    private void succeed(EventView v, Raiser raise, String kind, String value, Instant t) {
        if (value.isEmpty()) {
            return;
        }
        Failures f = byKey.get(kind + "=" + value);
        if (f == null) {
            return;
        }
        prune(f, t);
        if (f.times.size() >= threshold) {
            List<String> ev = new ArrayList<>(f.evidence);
            ev.add(v.event().id());
            Map<String, String> e = entities(v, raise);
            raise.raise("IOTA-002", e, List.of(kind), "successful login " + describe(kind, value) + " after "
                    + f.times.size() + " failed attempts", null, ev, t);
        }
        byKey.remove(kind + "=" + value); // a success ends the attempt: no IOTA-031 for it
    }

    private static Map<String, String> entities(EventView v, Raiser raise) {
        Map<String, String> e = raise.entities(v);
        e.remove("CommandLine");
        return e;
    }

    private static String describe(String kind, String value) {
        return kind.equals("User") ? "for user " + value : "from " + value;
    }

    private void prune(Failures f, Instant t) {
        while (!f.times.isEmpty() && f.times.peekFirst().plus(window).isBefore(t)) {
            f.times.removeFirst();
        }
        if (f.times.isEmpty()) {
            f.evidence.clear();
        }
    }

    @Override
    public String stateName() {
        return "loginFailures";
    }

    @Override
    public List<Map<String, Object>> snapshot() {
        List<Map<String, Object>> out = new ArrayList<>();
        byKey.forEach((k, f) -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("key", k);
            List<String> times = new ArrayList<>();
            f.times.forEach(t -> times.add(t.toString()));
            m.put("times", times);
            m.put("evidence", f.evidence);
            if (f.pendingEntities != null) {
                m.put("pendingEntities", f.pendingEntities);
                m.put("pendingDescription", f.pendingDescription);
            }
            if (f.lastFailure != null) {
                m.put("lastFailure", f.lastFailure.toString());
            }
            out.add(m);
        });
        return out;
    }

    @Override
    public void restore(List<Map<String, Object>> entries, Instant now) {
        SavedState.forEach(entries, m -> {
            Failures f = new Failures();
            for (Object t : (List<?>) m.get("times")) {
                Instant i = Instant.parse(String.valueOf(t));
                if (!i.plus(window).isBefore(now)) {
                    f.times.add(i);
                }
            }
            ((List<?>) m.get("evidence")).forEach(e -> f.evidence.add(String.valueOf(e)));
            if (m.get("lastFailure") != null) {
                f.lastFailure = Instant.parse(String.valueOf(m.get("lastFailure")));
            }
            f.pendingEntities = SavedState.texts(m.get("pendingEntities"));
            if (f.pendingEntities != null) {
                f.pendingDescription = String.valueOf(m.get("pendingDescription"));
            }
            if (!f.times.isEmpty() || f.pendingEntities != null) {
                byKey.put(String.valueOf(m.get("key")), f);
            }
        });
    }

    @Override
    public long evictions() {
        return byKey.evictions() + lastAuthFailureByPid.evictions();
    }
}
