package io.edgesec.detector.internal.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.SecurityEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    private static SecurityEvent event(String name, List<Map<String, Object>> items) {
        SecurityEvent.Builder b = SecurityEvent.builder(name);
        items.forEach(b::payload);
        return b.build();
    }

    private static Map<String, Object> item(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A view made from the read-ahead answers as a view of the item does, whatever the fields hold. */
    private static void sameAsTheItem(SecurityEvent e) {
        ReadAhead r = ReadAhead.of(e);
        assertTrue(r.process);
        assertSame(e, r.event);
        EventView ahead = new EventView(r);
        EventView item = new EventView(e, e.payload().get(0));
        assertEquals(item.name(), ahead.name());
        assertEquals(item.pid(), ahead.pid());
        assertEquals(item.ppid(), ahead.ppid());
        assertEquals(item.executable(), ahead.executable());
        assertEquals(item.commandLine(), ahead.commandLine());
        assertEquals(item.user(), ahead.user()); // not read ahead: from the item, fetched when asked
        assertEquals(item.cwd(), ahead.cwd());
        assertSame(e.payload().get(0), ahead.item());
    }

    @Test
    void aProcessStartsFieldsAreThoseItsViewReads() {
        sameAsTheItem(event("ProcessCreate", List.of(item("Executable", "/usr/bin/id", "CommandLine", "id -u",
                "UserName", "root", "ProcessId", 42, "ParentProcessId", 7, "ExtraDetails", Map.of("Cwd", "/root")))));
        // numbers as text, a missing executable, a command line that is not text, an unparsable ppid
        sameAsTheItem(event("ProcessCreate", List.of(item("CommandLine", List.of("a", "b"), "ProcessId", "42",
                "ParentProcessId", "x", "UserId", "0"))));
        sameAsTheItem(event("ProcessCreate", List.of(item("UserId", "0"))));
    }

    @Test
    void otherEventsAreCarriedAsTheyAre() {
        SecurityEvent two = event("ProcessCreate", List.of(item("ProcessId", 1), item("ProcessId", 2)));
        assertFalse(ReadAhead.of(two).process);
        assertSame(two, ReadAhead.of(two).event);
        SecurityEvent connection = event("ConnectionCreate", List.of(item("ProcessId", 1, "RemoteAddress", "10.0.0.1")));
        assertFalse(ReadAhead.of(connection).process);
        assertEquals(ReadAhead.prefetch(connection), ReadAhead.of(connection).prefetch());
    }
}
