package io.edgesec.aggregator.internal.aggregation;

import static io.edgesec.aggregator.internal.Events.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.aggregator.internal.Events;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventAggregationTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private static SecurityEvent connection(String direction, String localPort, String remotePort, int pid, Instant t) {
        return SecurityEvent.builder(EventNames.CONNECTION_CREATE).timestamp(t).payload(map("RemoteAddress", "10.0.0.2",
                "RemotePort", remotePort, "LocalAddress", "10.0.0.1", "LocalPort", localPort, "Direction", direction,
                "Protocol", "tcp", "ProcessId", pid, "Executable", "/usr/sbin/sshd", "CommandLine", "sshd -D", "UserId", "0"))
                .build();
    }

    private static SecurityEvent terminate(String exe, int exit, int pid, Instant t) {
        return SecurityEvent.builder(EventNames.PROCESS_TERMINATE).timestamp(t)
                .payload(map("Executable", exe, "ProcessId", pid, "ExitStatus", exit)).build();
    }

    private static Map<String, Object> extra(SecurityEvent e) {
        @SuppressWarnings("unchecked")
        Map<String, Object> x = (Map<String, Object>) e.payload().get(0).get("ExtraDetails");
        return x;
    }

    @Test
    void processCreateFoldsOnCommandLineExecutableUser() {
        EventAggregation a = new EventAggregation(100);
        a.add(Events.processCreate("sleep 30", 100, 1, T0), HOUR, T0);
        a.add(Events.processCreate("sleep 30", 200, 7, T0.plusSeconds(10)), HOUR, T0);
        a.add(Events.processCreate("sleep 31", 300, 1, T0.plusSeconds(20)), HOUR, T0);
        SecurityEvent otherUser = Events.processCreate("sleep 30", 400, 1, T0.plusSeconds(30)).toBuilder().clearPayload()
                .payload(map("Executable", "/usr/bin/sleep", "CommandLine", "sleep 30", "UserId", "0", "UserName", "root",
                        "ProcessId", 400, "ParentProcessId", 1, "ExtraDetails", map("Source", "procfs-scan")))
                .build();
        a.add(otherUser, HOUR, T0);
        SecurityEvent otherExe = otherUser.toBuilder().clearPayload().payload(map("Executable", "/bin/sleep", "CommandLine",
                "sleep 30", "UserId", "1000", "UserName", "pi", "ProcessId", 5, "ParentProcessId", 1,
                "ExtraDetails", map("Source", "procfs-scan"))).build();
        a.add(otherExe, HOUR, T0);
        assertEquals(4, a.heldKeys());
        List<SecurityEvent> out = a.flushAll();
        assertEquals(4, out.size());
        SecurityEvent sleep30 = out.get(0);
        assertEquals("2", extra(sleep30).get("HitCount"));
        assertEquals(0, sleep30.payload().get(0).get("ProcessId"));
        assertEquals(0, sleep30.payload().get(0).get("ParentProcessId"));
        assertEquals("sleep 30", sleep30.payload().get(0).get("CommandLine"));
        assertEquals("procfs-scan", extra(sleep30).get("Source"), "existing ExtraDetails kept");
        for (int i = 1; i < 4; i++) {
            assertEquals("1", extra(out.get(i)).get("HitCount"));
        }
        assertEquals(0, a.heldKeys());
        assertTrue(a.flushAll().isEmpty());
    }

    @Test
    void inboundConnectionsFoldOnTheLocalPortOutboundOnTheRemotePort() {
        EventAggregation a = new EventAggregation(100);
        a.add(connection("In", "22", "50001", 10, T0), HOUR, T0);
        a.add(connection("In", "22", "50002", 11, T0), HOUR, T0);
        a.add(connection("In", "2222", "50002", 11, T0), HOUR, T0);
        a.add(connection("Out", "40001", "443", 12, T0), HOUR, T0);
        a.add(connection("Out", "40002", "443", 13, T0), HOUR, T0);
        a.add(connection("Out", "40002", "8443", 13, T0), HOUR, T0);
        List<SecurityEvent> out = a.flushAll();
        assertEquals(4, out.size());
        Map<String, Object> in22 = out.get(0).payload().get(0);
        assertEquals("22", in22.get("LocalPort"));
        assertEquals("", in22.get("RemotePort"), "the client's ephemeral port is blanked");
        assertEquals(0, in22.get("ProcessId"));
        assertEquals("2", extra(out.get(0)).get("HitCount"));
        Map<String, Object> out443 = out.get(2).payload().get(0);
        assertEquals("443", out443.get("RemotePort"));
        assertEquals("", out443.get("LocalPort"));
        assertEquals("2", extra(out.get(2)).get("HitCount"));
        assertEquals("1", extra(out.get(3)).get("HitCount"));
    }

    @Test
    void connectionIdentityIncludesAddressesProtocolDirectionAndProcess() {
        EventAggregation a = new EventAggregation(100);
        SecurityEvent base = connection("Out", "40001", "443", 12, T0);
        a.add(base, HOUR, T0);
        String[][] variants = {{"RemoteAddress", "10.0.0.3"}, {"LocalAddress", "10.0.0.9"}, {"Protocol", "udp"},
            {"Executable", "/usr/bin/curl"}, {"CommandLine", "sshd -d"}, {"UserId", "1"}};
        for (String[] v : variants) {
            Map<String, Object> p = new java.util.LinkedHashMap<>(base.payload().get(0));
            p.put(v[0], v[1]);
            a.add(base.toBuilder().clearPayload().payload(p).build(), HOUR, T0);
        }
        assertEquals(1 + variants.length, a.heldKeys());
    }

    @Test
    void processTerminateFoldsOnExecutableAndExitStatus() {
        EventAggregation a = new EventAggregation(100);
        a.add(terminate("/bin/true", 0, 1, T0), HOUR, T0);
        a.add(terminate("/bin/true", 0, 2, T0), HOUR, T0);
        a.add(terminate("/bin/true", 1, 3, T0), HOUR, T0);
        a.add(terminate("/bin/false", 0, 4, T0), HOUR, T0);
        List<SecurityEvent> out = a.flushAll();
        assertEquals(3, out.size());
        assertEquals("2", extra(out.get(0)).get("HitCount"));
        assertEquals(0, out.get(0).payload().get(0).get("ProcessId"));
    }

    @Test
    void startAndEndTimesAreTheFirstAndLastHit() {
        EventAggregation a = new EventAggregation(100);
        // out of order on purpose
        a.add(Events.processCreate("x", 1, 1, T0.plusSeconds(30)), HOUR, T0);
        a.add(Events.processCreate("x", 2, 1, T0.plusSeconds(5)), HOUR, T0);
        a.add(Events.processCreate("x", 3, 1, T0.plusSeconds(70)), HOUR, T0);
        SecurityEvent e = a.flushAll().get(0);
        Map<String, Object> x = extra(e);
        assertEquals("3", x.get("HitCount"));
        assertEquals("2026-05-01T10:00:05.000Z", x.get("StartTimeUtc"));
        assertEquals("2026-05-01T10:01:10.000Z", x.get("EndTimeUtc"));
        assertEquals(SecurityEvent.formatLocal(T0.plusSeconds(5)), x.get("StartTimeLocal"));
        assertEquals(SecurityEvent.formatLocal(T0.plusSeconds(70)), x.get("EndTimeLocal"));
        assertEquals(T0.plusSeconds(70), e.timestamp(), "the aggregate is stamped with its last hit");
        for (Object v : x.values()) {
            assertTrue(v instanceof String, "ExtraDetails is a string map in the schema");
        }
    }

    @Test
    void aggregatesAreTriggeredWithNewIdsUnlessLegacyCategory() {
        EventAggregation a = new EventAggregation(100);
        SecurityEvent in = Events.processCreate("x", 1, 1, T0);
        a.add(in, HOUR, T0);
        SecurityEvent out = a.flushAll().get(0);
        assertEquals(EventCategory.TRIGGERED, out.category());
        assertEquals(EventNames.PROCESS_CREATE, out.name());
        assertNotEquals(in.id(), out.id());
        a.category(EventCategory.AGGREGATED);
        a.add(in, HOUR, T0);
        assertEquals(EventCategory.AGGREGATED, a.flushAll().get(0).category());
    }

    @Test
    void dueEmitsOnlyElapsedWindowsAndRestartsThem() {
        EventAggregation a = new EventAggregation(100);
        a.add(Events.processCreate("x", 1, 1, T0), HOUR, T0);
        a.add(connection("In", "22", "1", 1, T0), Duration.ofMinutes(10), T0);
        assertTrue(a.due(T0.plus(Duration.ofMinutes(9))).isEmpty());
        List<SecurityEvent> tenMinutes = a.due(T0.plus(Duration.ofMinutes(10)));
        assertEquals(1, tenMinutes.size());
        assertEquals(EventNames.CONNECTION_CREATE, tenMinutes.get(0).name());
        assertEquals(1, a.heldKeys());
        // the connection window restarted at +10 min: a new hit is due at +20, not before
        a.add(connection("In", "22", "2", 1, T0.plus(Duration.ofMinutes(11))), Duration.ofMinutes(10), T0.plus(Duration.ofMinutes(11)));
        assertTrue(a.due(T0.plus(Duration.ofMinutes(19))).isEmpty());
        List<SecurityEvent> hour = a.due(T0.plus(HOUR));
        Set<String> names = new HashSet<>();
        hour.forEach(e -> names.add(e.name()));
        assertEquals(Set.of(EventNames.PROCESS_CREATE, EventNames.CONNECTION_CREATE), names);
        assertEquals(0, a.heldKeys());
        assertTrue(a.due(T0.plus(HOUR).plus(HOUR)).isEmpty(), "empty windows emit nothing");
    }

    @Test
    void flushOfOneKind() {
        EventAggregation a = new EventAggregation(100);
        a.add(Events.processCreate("x", 1, 1, T0), HOUR, T0);
        a.add(terminate("/x", 0, 1, T0), HOUR, T0);
        List<SecurityEvent> out = a.flush(EventNames.PROCESS_CREATE);
        assertEquals(1, out.size());
        assertEquals(1, a.heldKeys());
        assertTrue(a.flush(EventNames.PROCESS_CREATE).isEmpty());
    }

    @Test
    void earlyFlushWhenMaxKeysIsReached() {
        EventAggregation a = new EventAggregation(3);
        for (int i = 0; i < 3; i++) {
            assertTrue(a.add(Events.processCreate("cmd" + i, i, 1, T0), HOUR, T0).isEmpty());
        }
        assertTrue(a.add(Events.processCreate("cmd0", 9, 1, T0), HOUR, T0).isEmpty(), "a known key adds no key");
        List<SecurityEvent> early = a.add(Events.processCreate("cmd3", 3, 1, T0), HOUR, T0);
        assertEquals(3, early.size(), "the buffer was flushed rather than dropping anything");
        assertEquals("2", extra(early.get(0)).get("HitCount"));
        assertEquals(1, a.heldKeys());
        assertEquals("cmd3", a.flushAll().get(0).payload().get(0).get("CommandLine"));
    }

    @Test
    void earlyFlushesWithinOneMultiItemEventAreAllReturned() {
        EventAggregation a = new EventAggregation(1);
        SecurityEvent multi = SecurityEvent.builder(EventNames.PROCESS_CREATE).timestamp(T0)
                .payload(map("Executable", "/a", "CommandLine", "a", "UserId", "0", "ProcessId", 1, "ParentProcessId", 0))
                .payload(map("Executable", "/b", "CommandLine", "b", "UserId", "0", "ProcessId", 2, "ParentProcessId", 0))
                .payload(map("Executable", "/c", "CommandLine", "c", "UserId", "0", "ProcessId", 3, "ParentProcessId", 0))
                .build();
        List<SecurityEvent> early = a.add(multi, HOUR, T0);
        List<SecurityEvent> all = new ArrayList<>(early);
        all.addAll(a.flushAll());
        List<Object> commands = new ArrayList<>();
        all.forEach(e -> commands.add(e.payload().get(0).get("CommandLine")));
        assertEquals(List.of("a", "b", "c"), commands, "no hit may be lost");
    }

    @Test
    void hitCountTotalsMatchInput() {
        EventAggregation a = new EventAggregation(50);
        java.util.Random r = new java.util.Random(5);
        int total = 2000;
        List<SecurityEvent> out = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            out.addAll(a.add(Events.processCreate("c" + r.nextInt(80), i, 1, T0.plusMillis(i)), HOUR, T0));
        }
        out.addAll(a.flushAll());
        long sum = 0;
        for (SecurityEvent e : out) {
            sum += Long.parseLong((String) extra(e).get("HitCount"));
        }
        assertEquals(total, sum);
    }

    @Test
    void onlyTheThreeAzureKindsAggregate() {
        assertTrue(EventAggregation.aggregates(EventNames.PROCESS_CREATE));
        assertTrue(EventAggregation.aggregates(EventNames.CONNECTION_CREATE));
        assertTrue(EventAggregation.aggregates(EventNames.PROCESS_TERMINATE));
        assertFalse(EventAggregation.aggregates(EventNames.LOGIN));
        assertFalse(EventAggregation.aggregates(EventNames.LISTENING_PORTS));
    }
}
