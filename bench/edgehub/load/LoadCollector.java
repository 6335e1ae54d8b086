package io.edgesec.bench.edgehub.load;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark load (bench/edgehub.sh; not part of the product): ProcessCreate events, Triggered,
 * at a fixed offered rate, cycling through a few distinct command lines (so that aggregation
 * folds them) with a new process id each time. Counts submitted, accepted (submit returned true)
 * and refused events and writes them to a stats file twice a second.
 */
public final class LoadCollector implements TriggeredCollector {
    private final int rate;
    private final int distinct;
    private final Path stats;
    private volatile boolean running;
    private Thread thread;
    private long submitted;
    private long accepted;
    private long refused;

    public LoadCollector(int rate, int distinct, Path stats) {
        this.rate = rate;
        this.distinct = Math.max(1, distinct);
        this.stats = stats;
    }

    @Override
    public synchronized void open(EventSink sink) {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(() -> run(sink), "edgesec-bench-load");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(EventSink sink) {
        long start = System.nanoTime();
        long lastStats = 0;
        int pid = 100_000;
        while (running) {
            long elapsed = System.nanoTime() - start;
            long due = elapsed * rate / 1_000_000_000L;
            // at most 10 ms worth per round, so that the stats are written even when it cannot keep up
            long batchEnd = Math.min(due, submitted + Math.max(1, rate / 100));
            while (submitted < batchEnd && running) {
                int k = (int) (submitted % distinct);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("Executable", "/usr/bin/edgesec-bench-" + k);
                p.put("CommandLine", "edgesec-bench-" + k + " --run " + (k * 7919 % 1000));
                p.put("UserId", "0");
                p.put("ProcessId", pid++);
                p.put("ParentProcessId", 1);
                SecurityEvent e = SecurityEvent.builder(EventNames.PROCESS_CREATE).category(EventCategory.TRIGGERED).payload(p).build();
                submitted++;
                if (sink.submit(e)) {
                    accepted++;
                } else {
                    refused++;
                }
            }
            if (elapsed - lastStats > 500_000_000L) {
                lastStats = elapsed;
                writeStats();
            }
            if (submitted >= due) {
                try {
                    TimeUnit.MILLISECONDS.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void writeStats() {
        try {
            Path tmp = stats.resolveSibling(stats.getFileName() + ".tmp");
            Files.writeString(tmp, submitted + " " + accepted + " " + refused + " " + System.currentTimeMillis() + "\n",
                    StandardCharsets.US_ASCII);
            Files.move(tmp, stats, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the next attempt may work
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
