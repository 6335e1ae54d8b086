package io.edgesec.collector.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgesec.collector.audit.internal.events.EventKind;
import io.edgesec.collector.audit.internal.rules.AuditRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/audit/edgesec.rules, the host rules file, says exactly what the collector installs itself. */
class HostRulesFileTest {
    @Test
    void theHostRulesFileListsTheCollectorsRules() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        List<String> inFile = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("deploy/audit/edgesec.rules"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                inFile.add(line.trim());
            }
        }
        List<String> installed = new ArrayList<>();
        for (List<String> r : AuditRules.rulesFor(EnumSet.allOf(EventKind.class), List.of("b64", "b32"), "edgesec")) {
            installed.add("-a " + String.join(" ", r));
        }
        assertEquals(installed, inFile);
    }
}
