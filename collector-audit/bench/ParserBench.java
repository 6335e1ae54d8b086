import io.edgesec.collector.audit.internal.events.EventKind;
import io.edgesec.support.UserNames;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import io.edgesec.collector.audit.internal.source.LineSplitter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * Records/s of the collector's whole pipeline (line splitting, parsing, serial gap counting,
 * event assembly, mapping to security events) over a raw log, read in 1 MiB chunks as the
 * tailer does; each event is serialized to JSON as the aggregator's queues would. A JVM needs a while to compile the hot code, so WARMUP passes run first (the
 * first, cold one is reported too), then RUNS measured passes; each pass is timed by the wall
 * clock and by the process's CPU time (all threads: JIT and GC included), which on a loaded
 * machine counts only the time we actually ran. A last, untimed pass measures the live heap:
 * a full GC at 1/4, 1/2 and 3/4 of the log, heap in use after it.
 * Usage: java -cp CLASSES:AGENT_API ParserBench.java FILE [WARMUP [RUNS]]
 * Last line of stdout: median-wall-rate median-cpu-rate cold-rate (records/s) live-heap (MB).
 */
public class ParserBench {
    public static void main(String[] a) throws Exception {
        Path file = Path.of(a[0]);
        int warmup = a.length > 1 ? Integer.parseInt(a[1]) : 15;
        int runs = a.length > 2 ? Integer.parseInt(a[2]) : 10;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        double cold = 0;
        long size = java.nio.file.Files.size(file);
        for (int pass = 0; pass < warmup + runs; pass++) {
            long[] events = new long[1];
            AuditPipeline p = new AuditPipeline(file.toString(), EnumSet.allOf(EventKind.class), UserNames.NONE,
                    e -> events[0] += e.utf8Size() > 0 ? 1 : 0, 2000); // serialized, as the queues would
            long alloc0 = threads.getCurrentThreadAllocatedBytes();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            read(file, p, size, false);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpuSecs = (os.getProcessCpuTime() - cpu0) / 1e9;
            long allocated = threads.getCurrentThreadAllocatedBytes() - alloc0;
            long records = p.counters().records();
            if (pass == 0) {
                cold = records / secs;
            }
            if (pass >= warmup) {
                wall[pass - warmup] = records / secs;
                cpu[pass - warmup] = records / cpuSecs;
            }
            System.err.printf("%s %2d: %d records in %.2f s (cpu %.2f s) = %.0f records/s, %.0f per cpu-s; "
                            + "%d security events; %d parse errors; %d bytes allocated per record%n",
                    pass < warmup ? "warm-up" : "run    ", pass + 1, records, secs, cpuSecs, records / secs,
                    records / cpuSecs, events[0], p.counters().parseErrors(), allocated / Math.max(1, records));
        }
        AuditPipeline p = new AuditPipeline(file.toString(), EnumSet.allOf(EventKind.class), UserNames.NONE, e -> { }, 2000);
        long live = read(file, p, size, true);
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.err.printf("median of %d runs: %.0f records/s (min %.0f, max %.0f), %.0f records per cpu-second; "
                        + "cold first pass %.0f records/s; live heap %.1f MB (max heap %d MB)%n", runs, wall[runs / 2], wall[0],
                wall[runs - 1], cpu[runs / 2], cold, live / 1048576.0, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%.0f %.0f %.0f %.1f%n", wall[runs / 2], cpu[runs / 2], cold, live / 1048576.0);
    }

    /** Runs the log through the pipeline; with {@code measure}, returns the most heap in use after a full GC. */
    private static long read(Path file, AuditPipeline p, long size, boolean measure) throws Exception {
        LineSplitter s = p.splitter();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long live = 0;
        int quarter = 1;
        try (FileChannel ch = FileChannel.open(file)) {
            long off = 0;
            int n;
            while ((n = ch.read(buf.clear(), off)) > 0) {
                s.feed(buf.array(), 0, n, off);
                off += n;
                if (measure && quarter < 4 && off >= size * quarter / 4) {
                    quarter++;
                    System.gc();
                    live = Math.max(live, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                }
            }
        }
        s.finish();
        p.finish();
        return live;
    }
}
