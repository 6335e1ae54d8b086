package io.edgesec.detector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.engine.DetectionEngine;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The process table is small (processCapacity, an edge device's hundreds of processes, not a
 * flood's history): a parent that is still busy stays in it, because each child's start looks
 * it up and so makes it the most recent, however many other processes start meanwhile.
 */
class ProcessContextTest {
    private static final Map<String, Object> SMALL = Map.of("processCapacity", 64);

    /** A package upgrade: dpkg's maintainer scripts between thousands of unrelated processes, then one that removes a log. */
    private static Ev.Seq upgradeAmidAFlood(boolean dpkgBusy) {
        Ev.Seq s = new Ev.Seq();
        s.execPid(100, "/usr/bin/apt-get", "apt-get -y upgrade", 1);
        s.execPid(101, "/usr/bin/dpkg", "/usr/bin/dpkg --configure -a", 100);
        for (int i = 0; i < 3000; i++) {
            s.execPid(10_000 + i, "/usr/bin/true", "/usr/bin/true", 50); // a health check loop's children
            if (dpkgBusy && i % 40 == 0) {
                s.execPid(20_000 + i, "/bin/sh", "/bin/sh /var/lib/dpkg/info/pkg" + i + ".postinst configure", 101);
            }
        }
        s.execPid(29_999, "/bin/sh", "/bin/sh /var/lib/dpkg/info/oldlogger.postrm purge", 101);
        s.execPid(30_000, "/usr/bin/rm", "rm -f /var/log/oldlogger.log", 29_999);
        return s;
    }

    private static List<SecurityEvent> run(Ev.Seq s) {
        DetectionEngine engine = Detect.engine(SMALL);
        List<SecurityEvent> out = Detect.alerts(engine, s.events);
        assertEquals(true, engine.counters().get("ProcessTableEvictions") > 2900, "the flood evicted: " + engine.counters());
        return out;
    }

    @Test
    void aBusyParentOutlivesAFloodOfOtherProcesses() {
        // dpkg's rm of a log is its own business (log-removal's notAncestor), even after 3,000 other processes
        assertEquals(Set.of(), Detect.ids(run(upgradeAmidAFlood(true))));
    }

    @Test
    void anIdleParentIsForgottenAndItsContextWithIt() {
        // the near-miss that shows the test above needs the refresh: dpkg idle for 3,000 processes
        // is evicted from a table of 64, and the same rm is then judged without its ancestry
        assertEquals(Set.of("IOTA-023"), Detect.ids(run(upgradeAmidAFlood(false))));
    }
}
