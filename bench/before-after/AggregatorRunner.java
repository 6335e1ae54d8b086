// bench/before-after.sh (through bench/detector-ab.sh): the aggregator's JMH pipeline benchmark,
// AggregatorThroughputBenchmark.pipeline, run outside JMH in the class loader of one
// benchmarks.jar, so that two builds alternate in one JVM. Only the benchmark's public surface is
// used (the same at every commit since the aggregator's packages moved): -Daggregation=on|off,
// spool off, -Devents=N events per call (a multiple of the benchmark's 10,000 per invocation).
package io.edgesec.aggregator.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;
import org.openjdk.jmh.infra.Blackhole;

public class AggregatorRunner implements LongSupplier {
    static final int N = Integer.getInteger("events", 300_000);
    private final AggregatorThroughputBenchmark benchmark = new AggregatorThroughputBenchmark();
    private final Blackhole bh = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    public AggregatorRunner() {
        benchmark.aggregation = System.getProperty("aggregation", "on");
        benchmark.spool = "off";
        benchmark.setUp();
    }

    /** Runs N events through the pipeline; returns the CPU time of this thread it took, in ns. */
    @Override
    public long getAsLong() {
        long c0 = threads.getCurrentThreadCpuTime();
        for (int k = 0; k < N; k += AggregatorThroughputBenchmark.EVENTS) {
            benchmark.pipeline(bh);
        }
        return threads.getCurrentThreadCpuTime() - c0;
    }
}
