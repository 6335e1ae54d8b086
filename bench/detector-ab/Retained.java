// The detector's live state after the realistic mix as an agent sees it: every event a fresh copy
// (new strings, as the audit parser makes them) and every process a new pid, so the process table
// fills with distinct records as at 1,000 execs/s. Prints the heap in use after a GC before and
// after feeding the engine, and the difference (what the agent's young collections copy until it
// is promoted). Run against one benchmarks.jar:
//   javac -cp JAR -d DIR bench/detector-ab/Retained.java && java -Xmx256m -cp DIR:JAR io.edgesec.detector.bench.Retained [EVENTS]
package io.edgesec.detector.bench;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.engine.*;
import java.time.Instant;
import java.util.*;
public class Retained {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        DetectorSettings s = DetectorSettings.defaults();
        DetectionEngine engine = new DetectionEngine(Rules.load(s), s);
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        SecurityEvent[] mix = DetectorBenchmark.realisticMix(4096, t0);
        Runtime rt = Runtime.getRuntime();
        long before = used(rt);
        long alerts = 0;
        for (int k = 0; k < n; k++) {
            SecurityEvent e = mix[k & 4095];
            List<Map<String, Object>> items = new ArrayList<>();
            for (Map<String, Object> item : e.payload()) {
                Map<String, Object> c = copy(item);
                if (e.name().equals("ProcessCreate")) c.put("ProcessId", 100_000 + k);
                items.add(c);
            }
            alerts += engine.detect(e.toBuilder().id(UUID.randomUUID().toString()).timestamp(t0.plusMillis(k))
                    .clearPayload().payloads(items).build()).size();
        }
        long after = used(rt);
        System.out.printf("%,d fresh events (%d alerts): heap in use %,d KiB before, %,d KiB after: the engine's state %,d KiB; %s%n",
                n, alerts, before / 1024, after / 1024, (after - before) / 1024, engine.counters());
        java.lang.ref.Reference.reachabilityFence(mix); // counted in both measures, not in the difference
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> m) {
        Map<String, Object> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(new String(k), v instanceof String str ? new String(str)
                : v instanceof Map<?, ?> inner ? copy((Map<String, Object>) inner) : v));
        return c;
    }

    static long used(Runtime rt) {
        for (int k = 0; k < 3; k++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
