// bench/detector-cold.sh: the agent's case in one class loader per benchmarks.jar: small batches of
// fresh ProcessCreate events (the exec load's: one program, one parent, new pids), each batch judged
// after the caches were evicted (a scan of a large array, as the agent's neighbours do while the
// detector thread waits); CPU time of the judging only.
package io.edgesec.detector.bench;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.engine.*;
import java.time.Instant;
import java.util.*;
public class Cold implements java.util.function.LongSupplier {
    static final int BATCH = Integer.getInteger("batch", 10), BATCHES = Integer.getInteger("batches", 400);
    static final boolean SCRUB = !Boolean.getBoolean("noscrub");
    static final long[] DIRT = new long[Integer.getInteger("scrubMiB", 8) << 17];
    final DetectionEngine engine;
    final java.lang.management.ThreadMXBean tb = java.lang.management.ManagementFactory.getThreadMXBean();
    int pid = 100_000; long t = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli(); public long sink;
    public Cold() {
        DetectorSettings s = DetectorSettings.defaults();
        engine = new DetectionEngine(Rules.load(s), s);
    }
    SecurityEvent next() {
        int p = pid++;
        if (pid > 4_000_000) pid = 100_000;
        t++;
        // fresh strings, as the audit parser makes them
        String exe = new String("/var/cache/edgesec-detector-cpu.xHwCCI/noop".toCharArray());
        String cmd = new String("/var/cache/edgesec-detector-cpu.xHwCCI/noop".toCharArray());
        return DetectorBenchmark.process(cmd, exe, p, 4242, Instant.ofEpochMilli(t));
    }
    static long scrub() { long s = 0; for (int i = 0; i < DIRT.length; i += 8) { s += DIRT[i]++; } return s; }
    /** @return CPU nanoseconds of judging BATCHES batches */
    public long getAsLong() {
        long cpu = 0;
        SecurityEvent[] b = new SecurityEvent[BATCH];
        for (int k = 0; k < BATCHES; k++) {
            for (int j = 0; j < BATCH; j++) b[j] = next();
            if (SCRUB) sink += scrub();
            long c0 = tb.getCurrentThreadCpuTime();
            for (int j = 0; j < BATCH; j++) sink += engine.detect(b[j]).size();
            cpu += tb.getCurrentThreadCpuTime() - c0;
        }
        return cpu;
    }
}
