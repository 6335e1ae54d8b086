package io.edgesec.detector.internal.stateful;

import io.edgesec.detector.internal.engine.Cidr;
import io.edgesec.detector.internal.engine.DetectorSettings;
import io.edgesec.detector.internal.engine.Glob;
import io.edgesec.detector.internal.engine.StatefulRule;
import io.edgesec.detector.internal.view.EventView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The configured alerts: Azure's custom alerts (IOTA-C-...), each off until its list or range is
 * set, and IOTA-029 (connections to a configured deny list). Lists are literal (CIDRs, globs): no
 * name lookups.
 */
final class CustomAlerts implements StatefulRule {
    private final List<Pattern> allowedProcesses = new ArrayList<>();
    private final List<Pattern> allowedUsers = new ArrayList<>();
    private final List<Cidr> allowedOutbound = new ArrayList<>();
    private final List<Cidr> denied = new ArrayList<>();
    private final int[] failedLoginRange;
    private final int[] connectionsRange;
    private final Duration rangeWindow;
    private Instant windowStart;
    private int failedLogins;
    private int connections;
    private final List<String> failedEvidence = new ArrayList<>();
    private final List<String> connectionEvidence = new ArrayList<>();
    /** Whether anything judges a connection: most devices configure no list, and a quarter of the events are connections. */
    private final boolean judgesConnections;

    CustomAlerts(DetectorSettings s) {
        s.allowedProcesses.forEach(g -> allowedProcesses.add(Glob.pattern(g, 0)));
        s.allowedUsers.forEach(g -> allowedUsers.add(Glob.pattern(g, 0)));
        s.allowedOutbound.forEach(c -> allowedOutbound.add(Cidr.parseDestination("allowedOutbound", c)));
        s.deniedAddresses.forEach(c -> denied.add(Cidr.parse("deniedAddresses", c)));
        failedLoginRange = s.failedLoginRange;
        connectionsRange = s.activeConnectionsRange;
        rangeWindow = s.rangeWindow;
        judgesConnections = !denied.isEmpty() || !allowedOutbound.isEmpty() || connectionsRange != null;
    }

    /** Only what the configuration asks for: by default (no list, no range) no event at all. */
    @Override
    public java.util.Set<String> events() {
        if (failedLoginRange != null || connectionsRange != null) {
            return null; // any event may close a range window
        }
        java.util.Set<String> s = new java.util.HashSet<>();
        if (!allowedProcesses.isEmpty()) {
            s.add("ProcessCreate");
        }
        if (!allowedUsers.isEmpty()) {
            s.add("Login");
        }
        if (judgesConnections) {
            s.add("ConnectionCreate");
        }
        return s;
    }

    @Override
    public void onEvent(EventView v, Raiser raise) {
        Instant t = v.event().timestamp();
        rollWindow(t, v, raise);
        switch (v.name()) {
            case "ProcessCreate" -> {
                if (!allowedProcesses.isEmpty() && !any(allowedProcesses, v.executable())) {
                    raise.raise("IOTA-C-AllowedProcesses", raise.entities(v), List.of("Executable", "User"),
                            "a process not on the allowed list ran: " + v.executable() + " (" + v.commandLine() + ") as "
                                    + v.user(), null, List.of(v.event().id()), t);
                }
            }
            case "Login" -> {
                if (allowedUsers.isEmpty() && failedLoginRange == null) {
                    return;
                }
                boolean ok = "Success".equals(v.field("Result"));
                if (ok && !allowedUsers.isEmpty() && !any(allowedUsers, v.field("UserName"))) {
                    raise.raise("IOTA-C-AllowedUsers", raise.entities(v), List.of("User", "RemoteAddress"),
                            "user " + v.field("UserName") + ", not on the allowed list, logged in"
                                    + (v.field("RemoteAddress").isEmpty() ? "" : " from " + v.field("RemoteAddress")),
                            null, List.of(v.event().id()), t);
                }
                if (!ok && failedLoginRange != null) {
                    failedLogins++;
                    if (failedEvidence.size() < 20) {
                        failedEvidence.add(v.event().id());
                    }
                }
            }
            case "ConnectionCreate" -> {
                if (!judgesConnections) {
                    return; // no field read: nothing configured could raise
                }
                String addr = v.field("RemoteAddress");
                int port = parse(v.field("RemotePort"));
                for (Cidr c : denied) {
                    if (c.contains(addr, port)) {
                        raise.raise("IOTA-029", raise.entities(v), List.of("RemoteAddress", "Executable"),
                                v.executable() + " connected " + ("In".equals(v.field("Direction")) ? "from " : "to ")
                                        + addr + ":" + port + ", an address on the deny list", null,
                                List.of(v.event().id()), t);
                        break;
                    }
                }
                if ("Out".equals(v.field("Direction")) && !allowedOutbound.isEmpty() && !Cidr.isLoopback(addr)) {
                    boolean allowed = false;
                    for (Cidr c : allowedOutbound) {
                        allowed |= c.contains(addr, port);
                    }
                    if (!allowed) {
                        raise.raise("IOTA-C-AllowedOutbound", raise.entities(v), List.of("RemoteAddress", "RemotePort", "Executable"),
                                v.executable() + " connected to " + addr + ":" + port + ", outside the allowed destinations",
                                null, List.of(v.event().id()), t);
                    }
                }
                if (connectionsRange != null) {
                    connections++;
                    if (connectionEvidence.size() < 20) {
                        connectionEvidence.add(v.event().id());
                    }
                }
            }
            default -> { }
        }
    }

    /**
     * The range alerts judge whole windows: when one ends, its counts are compared and reset. An
     * event after the end, or the detector's tick ({@link #expire}) when none comes, closes it.
     */
    private void rollWindow(Instant t, EventView v, Raiser raise) {
        if (failedLoginRange == null && connectionsRange == null) {
            return;
        }
        if (windowStart == null) {
            windowStart = t;
            return;
        }
        if (t.isBefore(windowStart.plus(rangeWindow))) {
            return;
        }
        judge(t, raise);
    }

    @Override
    public void expire(Instant now, Raiser raise) {
        if (windowStart != null && !now.isBefore(windowStart.plus(rangeWindow))) {
            judge(now, raise);
            boolean emptyCanRaise = (failedLoginRange != null && failedLoginRange[0] > 0)
                    || (connectionsRange != null && connectionsRange[0] > 0);
            if (!emptyCanRaise) {
                windowStart = null; // nothing counted yet cannot raise: the next event opens the next window
            }
        }
    }

    /** A range window is open: its end may raise (its count above the maximum, or below a minimum). */
    @Override
    public boolean waiting() {
        return windowStart != null;
    }

    private void judge(Instant t, Raiser raise) {
        Map<String, String> none = new java.util.LinkedHashMap<>();
        if (failedLoginRange != null && (failedLogins < failedLoginRange[0] || failedLogins > failedLoginRange[1])) {
            raise.raise("IOTA-C-FailedLoginRange", none, List.of(), failedLogins + " failed logins in the "
                    + rangeWindow + " from " + windowStart + ", outside the allowed " + failedLoginRange[0] + "-"
                    + failedLoginRange[1], null, List.copyOf(failedEvidence), t);
        }
        if (connectionsRange != null && (connections < connectionsRange[0] || connections > connectionsRange[1])) {
            raise.raise("IOTA-C-ActiveConnectionsRange", new java.util.LinkedHashMap<>(), List.of(), connections
                    + " connections in the " + rangeWindow + " from " + windowStart + ", outside the allowed "
                    + connectionsRange[0] + "-" + connectionsRange[1], null, List.copyOf(connectionEvidence), t);
        }
        failedLogins = 0;
        connections = 0;
        failedEvidence.clear();
        connectionEvidence.clear();
        windowStart = t;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean any(List<Pattern> ps, String s) {
        for (Pattern p : ps) {
            if (p.matcher(s).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long evictions() {
        return 0;
    }
}
