import io.edgesec.collector.audit.internal.events.EventKind;
import io.edgesec.collector.audit.internal.events.UserNames;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import io.edgesec.collector.audit.internal.source.LineSplitter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * Records/s of the collector's whole pipeline (line splitting, parsing, serial gap counting,
 * event assembly, mapping to security events) over a raw log, read in 1 MiB chunks as the
 * tailer does. Prints records/s of the best of N runs and the heap in use.
 * Usage: java -cp CLASSES:AGENT_API ParserBench.java FILE [RUNS]
 */
public class ParserBench {
    public static void main(String[] a) throws Exception {
        Path file = Path.of(a[0]);
        int runs = a.length > 1 ? Integer.parseInt(a[1]) : 3;
        double best = 0;
        for (int run = 0; run < runs; run++) {
            long[] events = new long[1];
            AuditPipeline p = new AuditPipeline(file.toString(), EnumSet.allOf(EventKind.class), UserNames.NONE,
                    e -> events[0]++, 2000);
            LineSplitter s = p.splitter();
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long t0 = System.nanoTime();
            try (FileChannel ch = FileChannel.open(file)) {
                long off = 0;
                int n;
                while ((n = ch.read(buf.clear(), off)) > 0) {
                    s.feed(buf.array(), 0, n, off);
                    off += n;
                }
            }
            s.finish();
            p.finish();
            double secs = (System.nanoTime() - t0) / 1e9;
            double rate = p.counters().records() / secs;
            best = Math.max(best, rate);
            Runtime rt = Runtime.getRuntime();
            System.err.printf("run %d: %d records in %.2f s = %.0f records/s; %d security events; %d parse errors; heap used %d MB of max %d MB%n",
                    run + 1, p.counters().records(), secs, rate, events[0], p.counters().parseErrors(),
                    (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        }
        System.out.printf("%.0f%n", best);
    }
}
