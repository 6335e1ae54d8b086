package io.edgesec.aggregator.internal;

import io.edgesec.api.event.LegacyEventText;
import io.edgesec.api.event.SecurityEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The old event writer (a frozen copy of agent-api 1.3.0's) against the Jackson one in one JVM,
 * in alternating rounds (order flipped every round), measuring the CPU time of this thread, so
 * that neighbours on a loaded machine weigh on both alike. What is compared is what the queues
 * pay per event ({@code EventQueues.cost}): old, the text plus counting its UTF-8 bytes; new, the
 * UTF-8 bytes. Prints per kind the median events per CPU-second of each and the median, min and
 * max of the per-round ratios (new / old). Usage (bench/json-events-ab.sh runs it):
 * {@code java -cp benchmarks.jar io.edgesec.aggregator.internal.EventSerializationAB ROUNDS}
 */
public final class EventSerializationAB {
    private static final int POOL = 1024;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long sink;

    private EventSerializationAB() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        System.out.println("| kind | old events/CPU-s (median) | new events/CPU-s (median) | ratio new/old: median (min-max) |");
        System.out.println("| --- | --- | --- | --- |");
        for (String kind : List.of("ProcessCreate", "ConnectionCreate", "ListeningPorts", "mix")) {
            Workload w = new Workload(7);
            SecurityEvent[] events = new SecurityEvent[POOL];
            for (int i = 0; i < POOL; i++) {
                events[i] = "mix".equals(kind) ? w.next() : w.next(kind);
                if (!Arrays.equals(LegacyEventText.event(events[i]).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        EventJsonAccess.utf8(events[i]))) {
                    throw new IllegalStateException("the writers disagree on " + events[i]);
                }
            }
            int n = "ListeningPorts".equals(kind) ? 20_000 : 200_000;
            for (int warm = 0; warm < 5; warm++) {
                oldRound(events, n);
                newRound(events, n);
            }
            List<Double> olds = new ArrayList<>();
            List<Double> news = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                double o;
                double nw;
                if (r % 2 == 0) {
                    o = oldRound(events, n);
                    nw = newRound(events, n);
                } else {
                    nw = newRound(events, n);
                    o = oldRound(events, n);
                }
                olds.add(o);
                news.add(nw);
                ratios.add(nw / o);
            }
            System.out.printf("| %s | %,.0f | %,.0f | %.2f (%.2f-%.2f) |%n", kind, median(olds), median(news), median(ratios),
                    ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    /** @return events per CPU-second */
    private static double oldRound(SecurityEvent[] events, int n) {
        long start = THREADS.getCurrentThreadCpuTime();
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += SecurityEvent.utf8Length(LegacyEventText.event(events[i & (POOL - 1)])) + 1;
        }
        sink += s;
        return n * 1e9 / (THREADS.getCurrentThreadCpuTime() - start);
    }

    private static double newRound(SecurityEvent[] events, int n) {
        long start = THREADS.getCurrentThreadCpuTime();
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += EventJsonAccess.utf8(events[i & (POOL - 1)]).length + 1;
        }
        sink += s;
        return n * 1e9 / (THREADS.getCurrentThreadCpuTime() - start);
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
