package io.edgesec.collector.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import io.edgesec.collector.audit.internal.rules.KernelAuditStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit collector's reports carry the severity it means: loss is an error, unreadable records a warning. */
class StatusReporterTest {
    private final List<SecurityEvent> sent = new ArrayList<>();
    private final EventSink sink = e -> sent.add(e);
    private final StatusReporter reporter = new StatusReporter(sink);

    private Map<String, Object> last() {
        SecurityEvent e = sent.get(sent.size() - 1);
        assertEquals(EventNames.COLLECTOR_STATUS, e.name());
        return e.payload().get(0);
    }

    @Test
    void sourceProblemsKeepTheirSeverityAndSource() {
        reporter.status("/var/log/audit/audit.log", "truncated", Severity.ERROR, "records lost");
        assertEquals(Map.of("Collector", "audit", "Status", "truncated", "Severity", "Error", "Message", "records lost",
                "Source", "/var/log/audit/audit.log"), last());
        reporter.status("/run/audispd_events", "reconnected", Severity.INFORMATION, "back");
        assertEquals("Information", last().get("Severity"));
    }

    @Test
    void unreadableRecordsAreAWarningAndKernelLossAnError() {
        AuditPipeline p = TestRecords.pipeline(new ArrayList<>());
        byte[] garbage = "type=SYSCALL msg=audit(oops\n".getBytes(StandardCharsets.UTF_8);
        p.splitter().feed(garbage, 0, garbage.length, 0);
        reporter.report("log", p, KernelAuditStatus.parse("enabled 1\nlost 7\n"));
        assertEquals("errors", last().get("Status"));
        assertEquals("Warning", last().get("Severity"));
        assertEquals(1L, last().get("ParseErrors"));
        assertEquals(0L, last().get("KernelLost"), "what the kernel lost before we started is not ours");
        int before = sent.size();
        reporter.report("log", p, KernelAuditStatus.parse("enabled 1\nlost 7\n"));
        assertEquals(before, sent.size(), "nothing moved: no report");
        reporter.report("log", p, KernelAuditStatus.parse("enabled 1\nlost 10\n"));
        assertEquals("loss", last().get("Status"));
        assertEquals("Error", last().get("Severity"));
        assertEquals(3L, last().get("KernelLost"));
    }
}
