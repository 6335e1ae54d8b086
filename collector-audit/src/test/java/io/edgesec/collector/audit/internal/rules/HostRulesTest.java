package io.edgesec.collector.audit.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.collector.audit.internal.events.EventKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What `auditctl -l` must show for ProcessCreate and ConnectionCreate. */
class HostRulesTest {
    static final Set<EventKind> BOTH = Set.of(EventKind.PROCESS_CREATE, EventKind.CONNECTION_CREATE);

    @Test
    void noRulesMissBoth() {
        assertEquals(List.of("ProcessCreate (no always,exit rule on execve)", "ConnectionCreate (no always,exit rule on connect)"),
                HostRules.missing("No rules", BOTH));
    }

    @Test
    void combinedSyscallListsAndAllCount() {
        String listing = "-a always,exit -F arch=b64 -S execve,execveat -F success=1 -F key=edgesec\n"
                + "-a always,exit -F arch=b64 -S bind,connect -F key=other\n";
        assertEquals(List.of(), HostRules.missing(listing, BOTH));
        assertTrue(HostRules.covered("-a exit,always -F arch=b64 -S all -F key=x", "connect"));
    }

    @Test
    void aNeverRuleOrAWatchDoesNotCount() {
        String listing = "-a never,exit -F arch=b64 -S execve\n-w /etc/passwd -p wa -k identity\n-a always,exit -F arch=b64 -S connectx";
        assertEquals(2, HostRules.missing(listing, BOTH).size());
        assertEquals(List.of(), HostRules.missing(listing, Set.of(EventKind.LOGIN)));
        assertFalse(HostRules.needed(Set.of(EventKind.LOGIN)));
    }

    /** The rules file shipped for hosts covers both, as auditctl -l prints such rules. */
    @Test
    void theShippedRulesFileCoversBoth() throws Exception {
        Path file = Path.of(System.getProperty("user.dir")).getParent().resolve("deploy/audit/edgesec.rules");
        StringBuilder listing = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("-a ")) {
                listing.append(line.replace("-k edgesec", "-F key=edgesec")).append('\n');
            }
        }
        assertEquals(List.of(), HostRules.missing(listing.toString(), BOTH));
        // and it carries exactly the rules the collector would install itself on a 64-bit host
        List<List<String>> own = AuditRules.rulesFor(BOTH, List.of("b64"), "edgesec");
        for (List<String> rule : own) {
            assertTrue(Files.readString(file).contains("-a " + String.join(" ", rule) + "\n"), "missing in the file: " + rule);
        }
    }
}
