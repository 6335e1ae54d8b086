package io.edgesec.detector.internal.engine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The detector's configuration (PID {@code io.edgesec.detector}), from the properties the
 * component gets or the map an offline command passes. Checked as a whole: a bad value throws
 * naming the property, and nothing of it applies.
 */
public final class DetectorSettings {
    public static final String PID = "io.edgesec.detector";

    public final Set<String> disabledAlerts;
    public final Map<String, String> severityOverrides;
    public final List<Suppression> suppressions;
    public final Duration suppressionWindow;
    public final List<String> ruleFiles;
    public final String rules;
    public final int bruteForceThreshold;
    public final Duration bruteForceWindow;
    public final int reconThreshold;
    public final Duration reconWindow;
    public final Duration downloadWindow;
    public final int stateCapacity;
    /** Processes the process table remembers (parent context), least recently used evicted first. */
    public final int processCapacity;
    public final int queueCapacity;
    public final List<String> allowedProcesses;
    public final List<String> allowedUsers;
    public final List<String> allowedOutbound;
    public final List<String> deniedAddresses;
    public final int[] failedLoginRange;
    public final int[] activeConnectionsRange;
    public final Duration rangeWindow;

    public DetectorSettings(Map<String, ?> p) {
        disabledAlerts = new HashSet<>(strings(p, "disabledAlerts"));
        for (String id : disabledAlerts) {
            alertId("disabledAlerts", id);
        }
        severityOverrides = new HashMap<>();
        for (String s : strings(p, "severityOverrides")) {
            int eq = s.indexOf('=');
            String sev = eq < 0 ? "" : s.substring(eq + 1).trim();
            if (eq < 0 || !Set.of("High", "Medium", "Low").contains(sev)) {
                throw new IllegalArgumentException("severityOverrides: '" + s + "' is not ID=High|Medium|Low");
            }
            severityOverrides.put(alertId("severityOverrides", s.substring(0, eq).trim()), sev);
        }
        suppressions = new ArrayList<>();
        for (String s : strings(p, "suppressions")) {
            suppressions.add(Suppression.parse(s));
        }
        suppressionWindow = duration(p, "suppressionWindow", "PT10M");
        ruleFiles = strings(p, "ruleFiles");
        rules = string(p, "rules", "");
        bruteForceThreshold = integer(p, "bruteForceThreshold", 5, 2, 1000);
        bruteForceWindow = duration(p, "bruteForceWindow", "PT10M");
        reconThreshold = integer(p, "reconThreshold", 5, 2, 50);
        reconWindow = duration(p, "reconWindow", "PT2M");
        downloadWindow = duration(p, "downloadWindow", "PT15M");
        stateCapacity = integer(p, "stateCapacity", 10_000, 100, 1_000_000);
        processCapacity = integer(p, "processCapacity", 4096, 64, 1_000_000);
        queueCapacity = integer(p, "queueCapacity", 65_536, 16, 4_000_000);
        allowedProcesses = strings(p, "allowedProcesses");
        allowedUsers = strings(p, "allowedUsers");
        allowedOutbound = strings(p, "allowedOutbound");
        deniedAddresses = strings(p, "deniedAddresses");
        failedLoginRange = range(p, "failedLoginRange");
        activeConnectionsRange = range(p, "activeConnectionsRange");
        rangeWindow = duration(p, "rangeWindow", "PT1H");
        for (String c : allowedOutbound) {
            Cidr.parseDestination("allowedOutbound", c);
        }
        for (String c : deniedAddresses) {
            Cidr.parse("deniedAddresses", c);
        }
    }

    /**
     * @return true when {@code other} makes the same stateful rules as this: a reconfiguration
     *         that changes none of these keeps their state (open windows, counts)
     */
    public boolean sameStatefulRules(DetectorSettings other) {
        return bruteForceThreshold == other.bruteForceThreshold && bruteForceWindow.equals(other.bruteForceWindow)
                && reconThreshold == other.reconThreshold && reconWindow.equals(other.reconWindow)
                && downloadWindow.equals(other.downloadWindow) && stateCapacity == other.stateCapacity
                && allowedProcesses.equals(other.allowedProcesses) && allowedUsers.equals(other.allowedUsers)
                && allowedOutbound.equals(other.allowedOutbound) && deniedAddresses.equals(other.deniedAddresses)
                && java.util.Arrays.equals(failedLoginRange, other.failedLoginRange)
                && java.util.Arrays.equals(activeConnectionsRange, other.activeConnectionsRange)
                && rangeWindow.equals(other.rangeWindow);
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(Map.of());
    }

    private static String alertId(String key, String id) {
        if (!id.matches("IOTA-(\\d{3}|C-[A-Za-z0-9_-]{1,64})")) {
            throw new IllegalArgumentException(key + ": '" + id + "' is not an alert ID (IOTA-nnn or IOTA-C-name)");
        }
        return id;
    }

    static List<String> strings(Map<String, ?> p, String key) {
        Object v = p.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof String s) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        } else if (v instanceof String[] a) {
            for (String s : a) {
                if (s != null && !s.isBlank()) {
                    out.add(s.trim());
                }
            }
        } else if (v instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null && !o.toString().isBlank()) {
                    out.add(o.toString().trim());
                }
            }
        } else {
            throw new IllegalArgumentException(key + ": expected a list of strings, not " + v.getClass().getSimpleName());
        }
        return out;
    }

    private static String string(Map<String, ?> p, String key, String dflt) {
        Object v = p.get(key);
        return v == null ? dflt : v.toString();
    }

    private static int integer(Map<String, ?> p, String key, int dflt, int min, int max) {
        Object v = p.get(key);
        int n;
        if (v == null) {
            return dflt;
        } else if (v instanceof Number num) {
            n = num.intValue();
        } else {
            try {
                n = Integer.parseInt(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": '" + v + "' is not a whole number");
            }
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + ": " + n + " is outside " + min + ".." + max);
        }
        return n;
    }

    private static Duration duration(Map<String, ?> p, String key, String dflt) {
        String s = string(p, key, dflt);
        try {
            Duration d = Duration.parse(s.isBlank() ? dflt : s);
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException(key + ": " + s + " must be above zero and at most 7 days");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + s + "' is not an ISO-8601 duration (e.g. PT10M)");
        }
    }

    /** "min-max" (either side may be empty): {min, max}, or null when unset. */
    private static int[] range(Map<String, ?> p, String key) {
        String s = string(p, key, "").trim();
        if (s.isEmpty()) {
            return null;
        }
        int dash = s.indexOf('-');
        try {
            if (dash < 0) {
                throw new NumberFormatException();
            }
            String lo = s.substring(0, dash).trim();
            String hi = s.substring(dash + 1).trim();
            int[] r = {lo.isEmpty() ? 0 : Integer.parseInt(lo), hi.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(hi)};
            if (r[0] < 0 || r[1] < r[0]) {
                throw new NumberFormatException();
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + s + "' is not a range min-max of whole numbers (e.g. 0-5)");
        }
    }
}
