package io.edgesec.collector.system.internal.baseline;

import java.util.Map;

/**
 * One check of a catalogue: the OMS identifiers (msid, CCE), severity, description, an optional
 * distro condition, and what to test ({@code type} and its parameters, see the module README).
 */
public record Check(String msid, String cceId, String severity, String description, String distro, String type,
        Map<String, Object> params, String origin) {

    public String string(String key) {
        Object v = params.get(key);
        return v == null ? null : v.toString();
    }

    public boolean flag(String key) {
        return Boolean.TRUE.equals(params.get(key));
    }
}
