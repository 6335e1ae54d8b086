package io.edgesec.configuration.internal;

import static io.edgesec.api.config.ConfigurationApplier.AZURE_SECTION;
import static io.edgesec.api.config.ConfigurationApplier.EDGESEC_SECTION;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the two sections of a twin-shaped configuration document into settings by PID: the
 * Azure agents' section ({@code {"key": {"value": x}}}, the aggregator's settings) and edgesec's
 * ({@code {"<pid>": {"<property>": value}}}). A null value means back to the default; other twin
 * content ($version, other modules' settings, the bundle list) is not read.
 */
final class TwinSections {
    private TwinSections() {
    }

    /** @return PID to key to JSON value (null = default); what cannot be read is added to {@code errors} */
    static Map<String, Map<String, Object>> read(Map<String, Object> document, List<String> errors) {
        Map<String, Map<String, Object>> incoming = new LinkedHashMap<>();
        for (Map.Entry<String, Object> section : document.entrySet()) {
            switch (section.getKey()) {
                case AZURE_SECTION -> readAzureSection(section.getValue(), incoming, errors);
                case EDGESEC_SECTION -> readEdgesecSection(section.getValue(), incoming, errors);
                default -> {
                    // other twin content ($version, other modules' settings) is not ours
                }
            }
        }
        return incoming;
    }

    private static void readAzureSection(Object section, Map<String, Map<String, Object>> incoming, List<String> errors) {
        if (section == null) {
            return; // whole object removed: leave as is
        }
        if (!(section instanceof Map<?, ?> map)) {
            errors.add(AZURE_SECTION + ": expected an object");
            return;
        }
        Map<String, Object> target = incoming.computeIfAbsent(AzureKeys.AGGREGATOR_PID, k -> new LinkedHashMap<>());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.startsWith("$")) {
                continue; // twin metadata such as $version
            }
            if (!AzureKeys.KEYS.contains(key)) {
                errors.add(AZURE_SECTION + "/" + key + ": unknown setting");
                continue;
            }
            Object v = e.getValue();
            // PnP style {"value": x}; a bare value is accepted too (local files)
            if (v instanceof Map<?, ?> wrapper) {
                if (!wrapper.containsKey("value")) {
                    errors.add(AZURE_SECTION + "/" + key + ": expected {\"value\": ...}");
                    continue;
                }
                v = wrapper.get("value");
            }
            target.put(key, v); // null: back to the default (as the Azure agents treated null)
        }
    }

    private static void readEdgesecSection(Object section, Map<String, Map<String, Object>> incoming, List<String> errors) {
        if (section == null) {
            return;
        }
        if (!(section instanceof Map<?, ?> map)) {
            errors.add(EDGESEC_SECTION + ": expected an object of PID to properties");
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String pid = String.valueOf(e.getKey());
            if (pid.startsWith("$") || "bundles".equals(pid)) {
                continue; // twin metadata; the bundle list is the bundle manager's
            }
            if (!(e.getValue() instanceof Map<?, ?> props)) {
                errors.add(EDGESEC_SECTION + "/" + pid + ": expected an object of properties");
                continue;
            }
            Map<String, Object> target = incoming.computeIfAbsent(pid, k -> new LinkedHashMap<>());
            props.forEach((k, v) -> target.put(String.valueOf(k), v));
        }
    }
}
