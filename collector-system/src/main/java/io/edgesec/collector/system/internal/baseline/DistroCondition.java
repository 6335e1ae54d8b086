package io.edgesec.collector.system.internal.baseline;

import io.edgesec.collector.system.internal.host.OsRelease;
import java.util.Locale;

/**
 * The OMS {@code distro} attribute: {@code *}, a name ({@code Ubuntu}), a negation
 * ({@code !SLES}), a version bound ({@code CentOS>6}, {@code Debian>=11}), or a comma list of
 * these (any positive term matches, no negative term matches). Names compare with os-release's
 * ID and NAME, case-insensitively.
 */
public final class DistroCondition {
    private DistroCondition() {
    }

    public static boolean matches(String condition, OsRelease os) {
        if (condition == null || condition.isBlank() || condition.trim().equals("*")) {
            return true;
        }
        boolean anyPositive = false;
        boolean positiveHit = false;
        for (String raw : condition.split(",")) {
            String term = raw.trim();
            boolean negative = term.startsWith("!");
            if (negative) {
                term = term.substring(1).trim();
            }
            boolean hit = term.equals("*") || termMatches(term, os);
            if (negative) {
                if (hit) {
                    return false;
                }
            } else {
                anyPositive = true;
                positiveHit |= hit;
            }
        }
        return !anyPositive || positiveHit;
    }

    private static boolean termMatches(String term, OsRelease os) {
        String name = term;
        String op = null;
        String version = null;
        for (String o : new String[] {">=", "<=", ">", "<", "="}) {
            int i = term.indexOf(o);
            if (i > 0) {
                name = term.substring(0, i).trim();
                op = o;
                version = term.substring(i + o.length()).trim();
                break;
            }
        }
        String n = name.toLowerCase(Locale.ROOT);
        boolean nameHit = os.id().toLowerCase(Locale.ROOT).equals(n) || os.name().toLowerCase(Locale.ROOT).contains(n);
        if (!nameHit || op == null) {
            return nameHit;
        }
        int cmp = compare(os.versionId(), version);
        return switch (op) {
            case ">=" -> cmp >= 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case "<" -> cmp < 0;
            default -> cmp == 0;
        };
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? num(x[i]) : 0;
            int q = i < y.length ? num(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int num(String s) {
        try {
            return Integer.parseInt(s.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
