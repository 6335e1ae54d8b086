package io.edgesec.detector.internal.rules;

import java.util.List;

/** An alert of the catalogue: its stable ID and what every instance of it says. */
public record AlertInfo(String id, String name, String severity, List<String> mitre, String remediation) {
}
