package io.edgesec.collector.audit.internal.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.TestRecords;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import io.edgesec.collector.audit.internal.source.LineSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of the whole audit path: arbitrary bytes, fed in arbitrary
 * chunk sizes, through the line splitter, record parser, event assembler and event mapper. Any
 * exception escaping is a finding; every event that comes out must serialize. Bounded in CI by
 * maxDuration; seeds are the corpus-like records in the *Inputs resource folder, if any.
 */
class AuditPipelineFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void arbitraryBytesNeverEscapeTheCollector(FuzzedDataProvider data) {
        int chunk = data.consumeInt(1, 4096);
        byte[] bytes = data.consumeRemainingAsBytes();
        List<SecurityEvent> out = new ArrayList<>();
        AuditPipeline p = TestRecords.pipeline(out);
        LineSplitter s = p.splitter();
        for (int i = 0; i < bytes.length; i += chunk) {
            s.feed(bytes, i, Math.min(bytes.length, i + chunk), i);
        }
        s.finish();
        p.finish();
        for (SecurityEvent e : out) {
            e.toJson(); // what reaches the aggregator must be sendable
        }
    }
}
