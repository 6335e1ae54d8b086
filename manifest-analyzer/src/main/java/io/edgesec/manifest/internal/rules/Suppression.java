package io.edgesec.manifest.internal.rules;

/**
 * Why a finding is suppressed.
 *
 * @param inSource      true for a module annotation in the manifest, false for configuration
 * @param origin        where it was declared (the label/env pointer, or the configuration entry)
 * @param justification the reason given, or ""
 */
public record Suppression(boolean inSource, String origin, String justification) {
    /** @return e.g. {@code by the manifest at /.../Labels/edgesec.suppress: needs GPIO} */
    public String describe() {
        return (inSource ? "by the manifest at " : "by ") + origin + (justification.isEmpty() ? "" : ": " + justification);
    }
}
