package io.edgesec.detector.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.Detect;
import io.edgesec.detector.internal.Ev;
import io.edgesec.detector.internal.rules.RuleSet;
import io.edgesec.detector.internal.view.ProcessInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A process start identical to one no pattern rule matched skips the pattern rules; the answers
 * stay exactly those of judging it again: a different parent, ancestry or field, and a new rule
 * set, are judged anew; the memory is bounded.
 */
class QuietProcessStartsTest {
    private static String vtoolRules(String rules) {
        return """
                {"version": 1,
                 "alerts": {"IOTA-C-Vtool": {"name": "vtool", "severity": "Low", "mitre": ["T1059"], "remediation": "Check."}},
                 "rules": [%s]}
                """.formatted(rules);
    }

    private static final String UNDER_WEB = vtoolRules(
            "{\"id\": \"vtool-under-web\", \"alert\": \"IOTA-C-Vtool\", \"program\": [\"vtool\"], \"parent\": [\"httpd\"]}");
    private static final String AS_MALLORY = vtoolRules("{\"id\": \"vtool-as-mallory\", \"alert\": \"IOTA-C-Vtool\", "
            + "\"program\": [\"vtool\"], \"match\": [\"--as\"], \"fields\": {\"UserName\": \"^mallory$\"}}");

    @Test
    void aRepeatedQuietStartSkipsThePatternRules() {
        Ev.Seq s = new Ev.Seq();
        s.execPid(4000, "/usr/bin/bash", "-bash", 1);
        for (int i = 0; i < 1000; i++) {
            s.execPid(10_000 + i, "/var/cache/x/noop", "/var/cache/x/noop", 4000);
        }
        s.execPid(20_000, "/usr/bin/true", "/usr/bin/true", 4000);
        DetectionEngine en = Detect.engine(Map.of());
        assertEquals(Set.of(), Detect.ids(Detect.alerts(en, s.events)));
        assertEquals(999, en.quietProcessStarts());
    }

    @Test
    void theSameStartUnderAnotherParentIsJudgedAgain() {
        Ev.Seq s = new Ev.Seq();
        s.execPid(4000, "/usr/bin/bash", "-bash", 1);
        s.execPid(4001, "/usr/sbin/httpd", "/usr/sbin/httpd -k start", 1);
        s.execPid(5000, "/usr/local/bin/vtool", "vtool --status", 4000);
        s.execPid(5001, "/usr/local/bin/vtool", "vtool --status", 4000);
        s.execPid(5002, "/usr/local/bin/vtool", "vtool --status", 4001);
        DetectionEngine en = Detect.engine(Map.of("rules", UNDER_WEB));
        List<SecurityEvent> a = Detect.alerts(en, s.events);
        assertEquals(Set.of("IOTA-C-Vtool"), Detect.ids(a), a.toString());
        assertEquals(1, en.quietProcessStarts()); // 5001 only
    }

    @Test
    void aRuleThatReadsAnotherFieldIsNeverSkipped() {
        Ev.Seq s = new Ev.Seq();
        s.execPid(4000, "/usr/bin/bash", "-bash", 1);
        s.execPid(5000, "/usr/local/bin/vtool", "vtool --as x", 4000);
        s.user = "mallory";
        s.execPid(5001, "/usr/local/bin/vtool", "vtool --as x", 4000); // the same start but for its user
        DetectionEngine en = Detect.engine(Map.of("rules", AS_MALLORY));
        assertEquals(Set.of("IOTA-C-Vtool"), Detect.ids(Detect.alerts(en, s.events)));
        assertEquals(0, en.quietProcessStarts());
    }

    @Test
    void aRuleThatReadsTheAncestryIsNeverSkipped() {
        // the same rm with the same parent program (sh): under dpkg it is dpkg's business
        // (log-removal's notAncestor), under a login shell it is IOTA-023
        Ev.Seq s = new Ev.Seq();
        s.execPid(100, "/usr/bin/dpkg", "/usr/bin/dpkg --configure -a", 1);
        s.execPid(101, "/bin/sh", "/bin/sh /var/lib/dpkg/info/oldlogger.postrm purge", 100);
        s.execPid(102, "/usr/bin/rm", "rm -f /var/log/oldlogger.log", 101);
        s.execPid(103, "/usr/bin/rm", "rm -f /var/log/oldlogger.log", 101);
        assertEquals(Set.of(), Detect.ids(Detect.alerts(s.events, Map.of())));
        s.execPid(200, "/usr/bin/bash", "-bash", 1);
        s.execPid(201, "/bin/sh", "/bin/sh /var/lib/dpkg/info/oldlogger.postrm purge", 200);
        s.execPid(202, "/usr/bin/rm", "rm -f /var/log/oldlogger.log", 201);
        DetectionEngine en = Detect.engine(Map.of());
        assertEquals(Set.of("IOTA-023"), Detect.ids(Detect.alerts(en, s.events)));
        assertEquals(0, en.quietProcessStarts());
    }

    @Test
    void aNewRuleSetForgetsWhatWasQuiet() {
        DetectionEngine en = Detect.engine(Map.of());
        Ev.Seq s = new Ev.Seq();
        s.execPid(4000, "/usr/bin/bash", "-bash", 1);
        s.execPid(5000, "/usr/sbin/vtool", "vtool --status", 4000);
        s.execPid(5001, "/usr/sbin/vtool", "vtool --status", 4000);
        for (SecurityEvent e : s.events) {
            assertEquals(List.of(), en.detect(e));
        }
        assertEquals(1, en.quietProcessStarts());
        String rules = vtoolRules("{\"id\": \"vtool-any\", \"alert\": \"IOTA-C-Vtool\", \"program\": [\"vtool\"]}");
        DetectorSettings changed = new DetectorSettings(Map.of("rules", rules));
        en.reconfigure(Rules.load(changed), changed);
        Ev.Seq again = new Ev.Seq().after(10);
        again.execPid(5002, "/usr/sbin/vtool", "vtool --status", 4000);
        assertEquals(Set.of("IOTA-C-Vtool"), Detect.ids(Detect.alerts(en, again.events)));
        assertEquals(1, en.quietProcessStarts());
    }

    @Test
    void boundedByItsBucketsAndForgottenWithItsRuleSet() {
        RuleSet rules = Rules.load(DetectorSettings.defaults());
        QuietProcessStarts q = new QuietProcessStarts(4);
        ProcessInfo parent = new ProcessInfo(1, 0, "/sbin/init", "/sbin/init", "init", "init");
        for (int i = 0; i < 100; i++) {
            q.rememberQuiet(new ProcessInfo(10 + i, 1, "/bin/x" + i, "x" + i, "x" + i, "x" + i), parent, rules);
        }
        assertEquals(true, q.size() <= 4, "size " + q.size());
        ProcessInfo last = new ProcessInfo(500, 1, "/bin/x99", "x99", "x99", "x99");
        assertEquals(true, q.isKnownQuiet(last, parent, rules));
        assertEquals(false, q.isKnownQuiet(last, null, rules)); // no parent is another start
        RuleSet other = Rules.load(DetectorSettings.defaults());
        assertEquals(false, q.isKnownQuiet(last, parent, other));
        assertEquals(0, q.size());
        assertThrows(IllegalArgumentException.class, () -> new QuietProcessStarts(3));
    }
}
