package io.edgesec.detector.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One suppression: {@code <alert ID or *> <Entity>=<glob> [<Entity>=<glob> ...]}, e.g.
 * {@code IOTA-046 Executable=/opt/vendor/update/*} or {@code * ContainerName=telemetry}. An alert
 * whose entities match every glob is not raised (counted as suppressed). Globs: {@code *} any
 * characters, {@code ?} one; whole-value match.
 */
public record Suppression(String alertId, Map<String, Pattern> entities, String text) {

    public static Suppression parse(String s) {
        String[] parts = s.trim().split("\\s+");
        if (parts.length < 2) {
            throw new IllegalArgumentException("suppressions: '" + s + "' needs an alert ID (or *) and at least one Entity=glob");
        }
        String id = parts[0];
        if (!id.equals("*") && !id.matches("IOTA-(\\d{3}|C-[A-Za-z0-9_-]{1,64})")) {
            throw new IllegalArgumentException("suppressions: '" + id + "' in '" + s + "' is not an alert ID or *");
        }
        Map<String, Pattern> m = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("suppressions: '" + parts[i] + "' in '" + s + "' is not Entity=glob");
            }
            m.put(parts[i].substring(0, eq), Glob.pattern(parts[i].substring(eq + 1), Pattern.DOTALL));
        }
        return new Suppression(id, m, s);
    }

    public boolean matches(String id, Map<String, String> ents) {
        if (!alertId.equals("*") && !alertId.equals(id)) {
            return false;
        }
        for (Map.Entry<String, Pattern> e : entities.entrySet()) {
            String v = ents.get(e.getKey());
            if (v == null || !e.getValue().matcher(v).matches()) {
                return false;
            }
        }
        return true;
    }
}
