package io.edgesec.api.config;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link ConfigurationApplier#apply}.
 *
 * @param errors  one entry per rejected value, {@code "<section or pid>/<key>: <why>"}; empty if applied
 * @param applied PID to the properties now in effect for every configuration that changed
 */
public record ApplyResult(List<String> errors, Map<String, Map<String, Object>> applied) {
    public ApplyResult {
        errors = List.copyOf(errors);
        applied = Map.copyOf(applied);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
