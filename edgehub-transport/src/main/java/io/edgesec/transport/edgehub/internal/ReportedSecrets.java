package io.edgesec.transport.edgehub.internal;

import io.edgesec.support.ReportedSecret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secrets kept out of the reported properties: a reported twin is readable by many, so a
 * property whose name says it holds a secret is reported as set, never with its value.
 */
final class ReportedSecrets {
    /** Property names whose values are secrets: reported as set, never with their value. */
    static final Pattern SECRET = Pattern.compile(
            "(?i).*(password|secret|connectionstring|accesskey|token|credential|privatekey).*");
    static final String REDACTED = ReportedSecret.NOT_REPORTED;

    private ReportedSecrets() {
    }

    /** A copy with the value of every secret-looking property replaced (a reported twin is readable by many). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> redacted(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                out.put(k, redacted((Map<String, Object>) m));
            } else if (SECRET.matcher(k).matches() && v != null && !"".equals(v)) {
                out.put(k, REDACTED);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
