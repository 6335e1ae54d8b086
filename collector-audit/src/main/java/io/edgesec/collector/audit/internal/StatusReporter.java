package io.edgesec.collector.audit.internal;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.event.CollectorStatus;
import io.edgesec.api.event.Severity;
import io.edgesec.collector.audit.internal.pipeline.AuditCounters;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import io.edgesec.collector.audit.internal.rules.KernelAuditStatus;
import io.edgesec.collector.audit.internal.source.StatusListener;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports loss and health as Operational {@code CollectorStatus} events: source problems at once
 * (truncation, rotation while stopped, socket gone), and counters when they moved since the
 * last report: parse errors, values that should have been hex, mapping errors, lost serials
 * (gaps), events flushed without their last record, and the kernel's {@code lost} counter.
 */
public final class StatusReporter implements StatusListener {
    static final String COLLECTOR = "audit";

    private final EventSink sink;
    private long reportedParseErrors;
    private long reportedBadHex;
    private long reportedMappingErrors;
    private long reportedGapLoss;
    private long kernelLostBase = -1;
    private long reportedKernelLost;

    public StatusReporter(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void status(String source, String problem, Severity severity, String message) {
        sink.submit(CollectorStatus.of(COLLECTOR, problem, severity, message, Map.of("Source", source), null));
    }

    /**
     * Reports what moved since the last call.
     *
     * @param kernel the kernel status now, or null if it could not be read
     */
    public synchronized void report(String source, AuditPipeline pipeline, KernelAuditStatus kernel) {
        AuditCounters c = pipeline.counters();
        long parse = c.parseErrors() - reportedParseErrors;
        long hex = c.badHex() - reportedBadHex;
        long mapping = c.mappingErrors() - reportedMappingErrors;
        long gaps = pipeline.gaps().lost() - reportedGapLoss;
        long kernelLost = 0;
        if (kernel != null && kernel.lost() >= 0) {
            if (kernelLostBase < 0) {
                kernelLostBase = kernel.lost(); // what was lost before we started is not ours to report
            }
            kernelLost = kernel.lost() - kernelLostBase - reportedKernelLost;
        }
        if (parse == 0 && hex == 0 && mapping == 0 && gaps == 0 && kernelLost <= 0) {
            return;
        }
        boolean loss = gaps > 0 || kernelLost > 0;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Source", source);
        p.put("ParseErrors", parse);
        p.put("BadHexValues", hex);
        p.put("MappingErrors", mapping);
        p.put("LostSerials", gaps);
        p.put("KernelLost", Math.max(0, kernelLost));
        reportedParseErrors += parse;
        reportedBadHex += hex;
        reportedMappingErrors += mapping;
        reportedGapLoss += gaps;
        if (kernelLost > 0) {
            reportedKernelLost += kernelLost;
        }
        // records the kernel or auditd dropped are events we will never see; unreadable ones are
        // counted and the rest goes on
        sink.submit(CollectorStatus.of(COLLECTOR, loss ? "loss" : "errors", loss ? Severity.ERROR : Severity.WARNING,
                String.join(" | ", c.recentErrors()), p, null));
    }
}
