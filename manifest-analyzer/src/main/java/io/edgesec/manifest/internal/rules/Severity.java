package io.edgesec.manifest.internal.rules;

import java.util.Locale;

/** Finding severity, most severe first. */
public enum Severity {
    CRITICAL("10.0", "error"),
    HIGH("8.9", "error"),
    MEDIUM("6.9", "warning"),
    LOW("3.9", "note"),
    INFO("1.0", "note");

    private final String securitySeverity;
    private final String sarifLevel;

    Severity(String securitySeverity, String sarifLevel) {
        this.securitySeverity = securitySeverity;
        this.sarifLevel = sarifLevel;
    }

    /** @return the GitHub {@code security-severity} score (Checkov's scale) */
    public String securitySeverity() {
        return securitySeverity;
    }

    /** @return SARIF level: CRITICAL/HIGH error, MEDIUM warning, LOW/INFO note */
    public String sarifLevel() {
        return sarifLevel;
    }

    /** @return true if this is as severe as {@code other} or more */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** @return the name with an initial capital, e.g. {@code High} */
    public String display() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a severity name in any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Severity parse(String s) {
        if (s != null) {
            for (Severity v : values()) {
                if (v.name().equalsIgnoreCase(s.trim())) {
                    return v;
                }
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a severity (critical, high, medium, low or info)");
    }
}
