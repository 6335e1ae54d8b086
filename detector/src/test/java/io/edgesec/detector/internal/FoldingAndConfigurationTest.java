package io.edgesec.detector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.support.json.JsonDocuments;
import io.edgesec.support.json.JsonText;
import io.edgesec.detector.internal.engine.DetectionEngine;
import io.edgesec.detector.internal.engine.DetectorSettings;
import io.edgesec.detector.internal.engine.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Folding of repeats, per-alert configuration, custom alerts, rule overrides and the state kept across an update. */
class FoldingAndConfigurationTest {

    private static Map<String, Object> item(SecurityEvent alert) {
        return alert.payload().get(0);
    }

    private static List<SecurityEvent> live(DetectionEngine engine, List<SecurityEvent> events) {
        List<SecurityEvent> out = new ArrayList<>();
        for (SecurityEvent e : events) {
            out.addAll(engine.detect(e));
        }
        return out;
    }

    @Test
    void aStormOfRepeatsIsOneAlertAtOnceAndOneWithTheTotalsWhenTheWindowCloses() {
        Ev.Seq s = new Ev.Seq();
        for (int i = 0; i < 500; i++) { // one a second: all within the ten-minute window
            s.run("auditctl -e 0");
        }
        DetectorSettings settings = DetectorSettings.defaults();
        DetectionEngine engine = new DetectionEngine(Rules.load(settings), settings);
        List<SecurityEvent> during = live(engine, s.events);
        assertEquals(1, during.size(), "the first at once, the repeats held");
        assertEquals(1L, ((Number) item(during.get(0)).get("Count")).longValue());
        List<SecurityEvent> later = engine.tick(s.t.plusSeconds(3600));
        assertEquals(1, later.size());
        Map<String, Object> totals = item(later.get(0));
        assertEquals(500L, ((Number) totals.get("Count")).longValue());
        assertEquals("2026-12-01T10:00:00.000Z", totals.get("FirstSeen"));
        assertEquals("2026-12-01T10:08:19.000Z", totals.get("LastSeen"));
        assertEquals(20, ((List<?>) totals.get("EvidenceEventIds")).size(), "evidence capped");
        assertEquals("High", totals.get("Severity"));
        assertEquals(List.of(), engine.finish(), "nothing left");
    }

    @Test
    void aRepeatAfterTheWindowIsANewIncident() {
        Ev.Seq s = new Ev.Seq().run("auditctl -e 0").after(700).run("auditctl -e 0");
        List<SecurityEvent> tenMinutes = Detect.alerts(s.events, Map.of());
        assertEquals(List.of(1L, 1L), tenMinutes.stream().map(a -> ((Number) item(a).get("Count")).longValue()).toList());
        List<SecurityEvent> hour = Detect.alerts(s.events, Map.of("suppressionWindow", "PT1H"));
        assertEquals(List.of(1L, 2L), hour.stream().map(a -> ((Number) item(a).get("Count")).longValue()).toList(),
                "one hour: one incident, raised at once and with its total");
    }

    @Test
    void disableOverrideSeverityAndSuppress() {
        Ev.Seq s = new Ev.Seq().run("auditctl -e 0").exec("/dev/shm/x", "/dev/shm/x", 4000)
                .exec("/opt/vendor/update/tmp/.cache/run", "/opt/vendor/update/tmp/.cache/run", 4000);
        assertEquals(Set.of("IOTA-003", "IOTA-046"), Detect.ids(Detect.alerts(s.events, Map.of())));
        assertEquals(Set.of("IOTA-046"), Detect.ids(Detect.alerts(s.events, Map.of("disabledAlerts", List.of("IOTA-003")))));
        List<SecurityEvent> a = Detect.alerts(s.events, Map.of("severityOverrides", List.of("IOTA-003=Low"),
                "suppressions", List.of("IOTA-046 Executable=/dev/shm/*", "* Executable=/opt/vendor/update/*")));
        assertEquals(1, a.size(), a.toString());
        assertEquals("Low", item(a.get(0)).get("Severity"));
    }

    @Test
    void badConfigurationNamesTheProperty() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DetectorSettings(Map.of("severityOverrides", List.of("IOTA-003=Urgent"))))
                .getMessage().contains("severityOverrides: 'IOTA-003=Urgent'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DetectorSettings(Map.of("suppressions", List.of("IOTA-046"))))
                .getMessage().startsWith("suppressions:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DetectorSettings(Map.of("allowedOutbound", List.of("example.com:443"))))
                .getMessage().contains("no host names"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DetectorSettings(Map.of("bruteForceThreshold", 1)))
                .getMessage().contains("bruteForceThreshold: 1 is outside 2..1000"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Rules.load(new DetectorSettings(Map.of("rules",
                "{\"rules\": [{\"id\": \"x\", \"alert\": \"IOTA-003\", \"program\": [\"a\"], \"match\": [\"(unclosed\"]}]}"))));
        assertTrue(bad.getMessage().startsWith("configuration 'rules': rule 'x': 'match' has a bad pattern"), bad.getMessage());
        IllegalArgumentException slow = assertThrows(IllegalArgumentException.class, () -> Rules.load(new DetectorSettings(Map.of("rules",
                "{\"rules\": [{\"id\": \"y\", \"alert\": \"IOTA-003\", \"match\": [\"x\"]}]}"))));
        assertTrue(slow.getMessage().contains("needs 'program', 'keywords', 'parent' or 'executableContains'"), slow.getMessage());
    }

    @Test
    void rulesFromConfigurationAddOverrideAndDisable() {
        String rules = """
                {"version": 1,
                 "alerts": {"IOTA-C-VendorTool": {"name": "Vendor debug tool used", "severity": "Low", "mitre": ["T1059"],
                                                 "remediation": "Check who ran it."}},
                 "rules": [
                   {"id": "vendor-debug", "alert": "IOTA-C-VendorTool", "program": ["vdebug"], "match": ["--unlock"],
                    "description": "{User} unlocked the device: {CommandLine}"},
                   {"id": "auditd-auditctl", "alert": "IOTA-003", "program": ["auditctl"], "match": ["(^|\\\\s)-e\\\\s*0"],
                    "unless": ["-k maintenance"]},
                   {"id": "exec-temp", "disabled": true}]}
                """;
        Ev.Seq s = new Ev.Seq().run("vdebug --unlock").run("auditctl -e 0 -k maintenance").run("auditctl -D")
                .exec("/dev/shm/x", "/dev/shm/x", 4000);
        List<SecurityEvent> a = Detect.alerts(s.events, Map.of("rules", rules));
        assertEquals(Set.of("IOTA-C-VendorTool"), Detect.ids(a), a.toString());
        assertEquals("root unlocked the device: vdebug --unlock", item(a.get(0)).get("Description"));
    }

    @Test
    void customAlerts() {
        Map<String, Object> cfg = Map.of("allowedProcesses", List.of("/usr/bin/*", "/usr/sbin/*"),
                "allowedUsers", List.of("admin"), "allowedOutbound", List.of("10.0.0.0/8:443,8883"),
                "deniedAddresses", List.of("198.51.100.0/24"));
        Ev.Seq s = new Ev.Seq().run("ls").exec("/opt/app/bin/app", "/opt/app/bin/app", 4000)
                .login("/usr/sbin/sshd", "USER_LOGIN", "admin", "10.0.0.9", "ssh", true)
                .login("/usr/sbin/sshd", "USER_LOGIN", "mallory", "10.0.0.9", "ssh", true)
                .connect("/usr/bin/curl", 77, "10.1.2.3", 443, "Out")
                .connect("/usr/bin/curl", 78, "10.1.2.3", 80, "Out")
                .connect("/usr/bin/curl", 79, "127.0.0.1", 9999, "Out")
                .connect("/usr/bin/curl", 80, "198.51.100.7", 8883, "Out");
        List<SecurityEvent> a = Detect.alerts(s.events, cfg);
        assertEquals(Set.of("IOTA-C-AllowedProcesses", "IOTA-C-AllowedUsers", "IOTA-C-AllowedOutbound", "IOTA-029"), Detect.ids(a));
        long outbound = a.stream().filter(e -> "IOTA-C-AllowedOutbound".equals(item(e).get("AlertId"))).count();
        assertEquals(2, outbound, "port 80 and the denied address; loopback is not outbound: " + a);
        assertEquals(Set.of(), Detect.ids(Detect.alerts(s.events, Map.of())), "all off until configured");
    }

    @Test
    void rangeAlertsJudgeWholeWindows() {
        Ev.Seq s = new Ev.Seq();
        for (int i = 0; i < 4; i++) {
            s.login("/usr/sbin/sshd", "USER_AUTH", "u" + i, "10.0.0." + i, "ssh", false);
        }
        s.after(3600).run("ls");
        assertEquals(Set.of("IOTA-C-FailedLoginRange"), Detect.ids(Detect.alerts(s.events, Map.of("failedLoginRange", "0-3"))));
        assertEquals(Set.of(), Detect.ids(Detect.alerts(s.events, Map.of("failedLoginRange", "0-5"))));
    }

    @Test
    void activeConnectionsRangeJudgesEachWindowsCount() {
        Ev.Seq s = new Ev.Seq();
        for (int i = 0; i < 5; i++) {
            s.connect("/usr/bin/curl", 300 + i, "10.0.0." + i, 443, "Out");
        }
        s.after(3600).run("ls"); // the first event after the window closes it
        List<SecurityEvent> tooMany = Detect.alerts(s.events, Map.of("activeConnectionsRange", "0-3"));
        assertEquals(Set.of("IOTA-C-ActiveConnectionsRange"), Detect.ids(tooMany));
        assertTrue(String.valueOf(item(tooMany.get(0)).get("Description")).startsWith("5 connections"), tooMany.toString());
        assertEquals(5, ((List<?>) item(tooMany.get(0)).get("EvidenceEventIds")).size(), "every counted connection is evidence");
        assertEquals(Set.of("IOTA-C-ActiveConnectionsRange"), Detect.ids(Detect.alerts(s.events,
                Map.of("activeConnectionsRange", "6-10"))), "too few is outside the range as well");
        assertEquals(Set.of(), Detect.ids(Detect.alerts(s.events, Map.of("activeConnectionsRange", "5-5"))), "the bounds are inclusive");
        assertEquals(Set.of(), Detect.ids(Detect.alerts(s.events.subList(0, 5), Map.of("activeConnectionsRange", "0-3"))),
                "a window still open is not judged");
    }

    @Test
    void stateKeptAcrossAnUpdateCompletesABruteForceAndFoldsRepeatsIntoTheAlertSent() throws Exception {
        DetectorSettings settings = DetectorSettings.defaults();
        DetectionEngine before = new DetectionEngine(Rules.load(settings), settings);
        Ev.Seq s = new Ev.Seq().run("auditctl -e 0");
        for (int i = 0; i < 5; i++) {
            s.login("/usr/bin/su", "USER_AUTH", "victim", null, "/dev/pts/3", false);
        }
        assertEquals(Set.of("IOTA-003"), Detect.ids(live(before, s.events)));
        // the update: the old engine reports and saves, the state goes through its JSON form, a new engine takes it
        assertEquals(List.of(), before.flushForShutdown());
        String saved = JsonText.write(before.stateSnapshot());
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> state = (Map<String, List<Map<String, Object>>>) (Map<?, ?>) JsonDocuments.object(saved);
        DetectionEngine after = new DetectionEngine(Rules.load(settings), settings);
        after.restoreState(state, s.t);
        Ev.Seq next = new Ev.Seq();
        next.t = s.t;
        next.login("/usr/bin/su", "USER_AUTH", "victim", null, "/dev/pts/3", true).run("auditctl -e 0");
        List<SecurityEvent> a = live(after, next.events);
        assertEquals(Set.of("IOTA-002"), Detect.ids(a), "the brute force completes; the auditctl repeat folds: " + a);
        List<SecurityEvent> end = after.finish();
        assertEquals(Set.of("IOTA-003"), Detect.ids(end));
        assertEquals(2L, ((Number) item(end.get(0)).get("Count")).longValue());
    }
}
