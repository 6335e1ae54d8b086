// bench/detector-ab.sh: runs the realistic mix of DetectorBenchmark in the class loader of one benchmarks.jar.
package io.edgesec.detector.bench;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.engine.*;
import java.time.Instant;
public class Runner implements java.util.function.LongSupplier {
    final DetectionEngine engine; final SecurityEvent[] mix; static final int N = Integer.getInteger("events", 1_000_000);
    final java.lang.management.ThreadMXBean tb = java.lang.management.ManagementFactory.getThreadMXBean();
    public long sink;
    public Runner() {
        DetectorSettings s = DetectorSettings.defaults();
        engine = new DetectionEngine(Rules.load(s), s);
        mix = DetectorBenchmark.realisticMix(4096, Instant.parse("2026-12-01T10:00:00Z"));
    }
    public long getAsLong() {
        long c0 = tb.getCurrentThreadCpuTime();
        for (int k = 0; k < N; k++) sink += engine.detect(mix[k & 4095]).size();
        return tb.getCurrentThreadCpuTime() - c0;
    }
}
