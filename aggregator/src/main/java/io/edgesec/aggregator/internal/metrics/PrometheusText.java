package io.edgesec.aggregator.internal.metrics;

import io.edgesec.aggregator.internal.health.AgentHealth;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.Map;

/**
 * The agent's metrics in the Prometheus text exposition format (version 0.0.4), as edgeHub and
 * edgeAgent expose theirs for the IoT Edge metrics-collector. Written by hand: a few counters and
 * gauges do not justify a client library in every device's memory (README, "Metrics").
 */
public final class PrometheusText {
    /** Gauges only the aggregator knows, read at scrape time. */
    public interface Gauges {
        /** queue name (high, low, operational) to {events, bytes} */
        Map<String, long[]> queues();

        /** the journal's size in bytes, or -1 without one */
        long journalBytes();
    }

    private PrometheusText() {
    }

    public static String render(AgentHealth health, Gauges gauges, String version) {
        StringBuilder out = new StringBuilder(4096);
        family(out, "edgesec_info", "gauge", "The agent's version.");
        out.append("edgesec_info{version=\"").append(escape(version)).append("\"} 1\n");

        Map<String, AgentHealth.CollectorHealth> collectors = health.collectors();
        family(out, "edgesec_collector_events_accepted_total", "counter", "Events a collector submitted that entered a queue.");
        collectors.forEach((n, c) -> sample(out, "edgesec_collector_events_accepted_total", "collector", n, c.accepted()));
        family(out, "edgesec_collector_events_dropped_total", "counter", "Events of a collector refused (quota, no room).");
        collectors.forEach((n, c) -> sample(out, "edgesec_collector_events_dropped_total", "collector", n, c.dropped()));
        Map<String, Long> observers = health.observerDrops();
        if (!observers.isEmpty()) {
            family(out, "edgesec_observer_events_dropped_total", "counter", "Events an event observer (detector) refused: not judged, still sent.");
            observers.forEach((n, d) -> sample(out, "edgesec_observer_events_dropped_total", "observer", n, d));
        }
        family(out, "edgesec_collector_runs_total", "counter", "Calls of a periodic collector.");
        collectors.forEach((n, c) -> sample(out, "edgesec_collector_runs_total", "collector", n, c.runs()));
        family(out, "edgesec_collector_run_seconds_total", "counter", "Time spent in a periodic collector's calls.");
        collectors.forEach((n, c) -> sample(out, "edgesec_collector_run_seconds_total", "collector", n, c.runNanos() / 1e9));
        family(out, "edgesec_collector_up", "gauge", "1 while a collector runs, 0 while it fails or its source is down.");
        collectors.forEach((n, c) -> sample(out, "edgesec_collector_up", "collector", n, c.state() == AgentHealth.State.RUNNING ? 1 : 0));
        family(out, "edgesec_collector_last_success_timestamp_seconds", "gauge", "When a collector last succeeded.");
        collectors.forEach((n, c) -> {
            if (c.lastSuccess() != null) {
                sample(out, "edgesec_collector_last_success_timestamp_seconds", "collector", n, c.lastSuccess().toEpochMilli() / 1000.0);
            }
        });

        Map<String, long[]> queues = gauges.queues();
        family(out, "edgesec_queue_events", "gauge", "Events waiting in a queue.");
        queues.forEach((q, v) -> sample(out, "edgesec_queue_events", "queue", q, v[0]));
        family(out, "edgesec_queue_bytes", "gauge", "UTF-8 bytes of the events waiting in a queue.");
        queues.forEach((q, v) -> sample(out, "edgesec_queue_bytes", "queue", q, v[1]));
        long journal = gauges.journalBytes();
        if (journal >= 0) {
            family(out, "edgesec_journal_bytes", "gauge", "Size of the event journal (disk spool).");
            out.append("edgesec_journal_bytes ").append(journal).append('\n');
        }

        family(out, "edgesec_messages_sent_total", "counter", "Security messages the transport took.");
        out.append("edgesec_messages_sent_total ").append(health.messagesSent()).append('\n');
        family(out, "edgesec_message_bytes_sent_total", "counter", "UTF-8 bytes of the messages sent.");
        out.append("edgesec_message_bytes_sent_total ").append(health.bytesSent()).append('\n');
        family(out, "edgesec_events_sent_total", "counter", "Events carried by the messages sent.");
        out.append("edgesec_events_sent_total ").append(health.eventsSent()).append('\n');
        family(out, "edgesec_send_failures_total", "counter", "Sends that failed (the events stay queued).");
        out.append("edgesec_send_failures_total ").append(health.sendFailures()).append('\n');
        family(out, "edgesec_send_timeouts_total", "counter", "Sends that did not return within sendTimeout (counted as failures too).");
        out.append("edgesec_send_timeouts_total ").append(health.sendTimeouts()).append('\n');
        if (health.lastSuccessfulSend() != null) {
            family(out, "edgesec_last_successful_send_timestamp_seconds", "gauge", "When a message was last sent.");
            out.append("edgesec_last_successful_send_timestamp_seconds ").append(health.lastSuccessfulSend().toEpochMilli() / 1000.0)
                    .append('\n');
        }

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        family(out, "jvm_memory_used_bytes", "gauge", "Used bytes of a JVM memory area.");
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        sample(out, "jvm_memory_used_bytes", "area", "heap", heap.getUsed());
        sample(out, "jvm_memory_used_bytes", "area", "nonheap", nonHeap.getUsed());
        family(out, "jvm_memory_committed_bytes", "gauge", "Committed bytes of a JVM memory area.");
        sample(out, "jvm_memory_committed_bytes", "area", "heap", heap.getCommitted());
        sample(out, "jvm_memory_committed_bytes", "area", "nonheap", nonHeap.getCommitted());
        family(out, "jvm_memory_pool_used_bytes", "gauge", "Used bytes of a JVM memory pool.");
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            sample(out, "jvm_memory_pool_used_bytes", "pool", pool.getName(), pool.getUsage().getUsed());
        }
        family(out, "jvm_threads_current", "gauge", "Live JVM threads.");
        out.append("jvm_threads_current ").append(ManagementFactory.getThreadMXBean().getThreadCount()).append('\n');
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String label, String value, double v) {
        out.append(name).append('{').append(label).append("=\"").append(escape(value)).append("\"} ");
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            out.append((long) v);
        } else {
            out.append(v);
        }
        out.append('\n');
    }

    /** Label values: backslash, double quote and line feed escaped, as the format requires. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
