import com.fasterxml.jackson.core.*;
import io.edgesec.api.event.*;
import io.edgesec.api.json.*;
import io.edgesec.support.json.*;
import java.io.*;
import java.lang.management.*;
import java.nio.file.*;
import java.util.*;
import java.util.function.*;

/** Paired CPU-time rounds: old hand-written JSON (agent-api) vs Jackson (support), same JVM, order flipped each round (bench/json-ab.sh). */
public class AB {
    static final ThreadMXBean T = ManagementFactory.getThreadMXBean();
    static volatile Object sink;

    static long cpu(Runnable r) { long t = T.getCurrentThreadCpuTime(); r.run(); return T.getCurrentThreadCpuTime() - t; }

    /** The prototype: an event written with JsonGenerator, same fields and order as SecurityEvent.writeJson. */
    static String jacksonEvent(SecurityEvent e) {
        StringBuilder w = new StringBuilder(512);
        try (JsonGenerator g = JsonText.generator(w)) {
            g.writeStartObject();
            g.writeStringField("EventType", e.eventType().wireName());
            g.writeStringField("Category", e.category().wireName());
            g.writeFieldName("Name"); JsonText.writeString(e.name(), g);
            g.writeBooleanField("IsEmpty", e.isEmpty());
            g.writeFieldName("PayloadSchemaVersion"); JsonText.writeString(e.payloadSchemaVersion(), g);
            g.writeFieldName("Id"); JsonText.writeString(e.id(), g);
            g.writeStringField("TimestampLocal", SecurityEvent.formatLocal(e.timestamp()));
            g.writeStringField("TimestampUTC", SecurityEvent.formatUtc(e.timestamp()));
            g.writeFieldName("Payload"); JsonText.write(e.payload(), g);
            g.writeEndObject();
        } catch (IOException x) { throw new UncheckedIOException(x); }
        return w.toString();
    }

    public static void main(String[] a) throws Exception {
        int rounds = Integer.parseInt(a[0]);
        String rules = Files.readString(Path.of(a[1]));
        // a twin's desired properties as the hub sends them (Azure section + edgesec PIDs)
        Map<String, Object> twin = new LinkedHashMap<>();
        Map<String, Object> azure = new LinkedHashMap<>();
        for (String k : List.of("highPriorityMessageFrequency", "lowPriorityMessageFrequency", "snapshotFrequency", "maxLocalCacheSizeInBytes", "maxMessageSizeInBytes", "eventPriorityProcessCreate", "eventPriorityConnectionCreate", "eventPriorityLogin", "aggregationEnabledProcessCreate", "aggregationIntervalProcessCreate", "hubResourceId"))
            azure.put(k, Map.of("value", k.startsWith("max") ? 262144L : k.startsWith("aggregationEnabled") ? (Object) Boolean.TRUE : "PT7M"));
        twin.put("ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration", azure);
        Map<String, Object> edgesec = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) edgesec.put("io.edgesec.collector.c" + i, Map.of("edgesec.collector.period", "PT30S", "enabled", true, "excluded", List.of("/usr/bin/a\u00e9", "/sbin/b", "tab\there")));
        twin.put("edgesec", edgesec);
        twin.put("$version", 42L);
        String twinText = JsonWriter.write(twin);
        // events of the benchmarks' mix
        SecurityEvent[] events = io.edgesec.aggregator.internal.Mix.events(1024);
        // same text, same size
        for (SecurityEvent e : events) {
            StringBuilder sb = new StringBuilder(); e.writeJson(sb);
            if (!sb.toString().equals(jacksonEvent(e))) throw new AssertionError("differs:\n" + sb + "\n" + jacksonEvent(e));
        }
        if (!JsonWriter.write(twin).equals(JsonText.write(twin))) throw new AssertionError("twin text differs");
        if (!JsonReader.parseObject(rules).equals(JsonDocuments.object(rules))) throw new AssertionError("rules differ");
        System.out.printf("twin %d chars, rules %d chars, events of the mix: %d%n", twinText.length(), rules.length(), events.length);

        Map<String, Runnable[]> cases = new LinkedHashMap<>();
        cases.put("read twin x2000", new Runnable[] {
            () -> { for (int i = 0; i < 2000; i++) try { sink = JsonReader.parseObject(twinText); } catch (Exception x) { throw new RuntimeException(x); } },
            () -> { for (int i = 0; i < 2000; i++) try { sink = JsonDocuments.object(twinText); } catch (Exception x) { throw new RuntimeException(x); } } });
        cases.put("read rules x20", new Runnable[] {
            () -> { for (int i = 0; i < 20; i++) try { sink = JsonReader.parseObject(rules); } catch (Exception x) { throw new RuntimeException(x); } },
            () -> { for (int i = 0; i < 20; i++) try { sink = JsonDocuments.object(rules); } catch (Exception x) { throw new RuntimeException(x); } } });
        cases.put("write twin x2000", new Runnable[] {
            () -> { for (int i = 0; i < 2000; i++) sink = JsonWriter.write(twin); },
            () -> { for (int i = 0; i < 2000; i++) sink = JsonText.write(twin); } });
        cases.put("serialize events x20480 (prototype)", new Runnable[] {
            () -> { for (int i = 0; i < 20480; i++) { StringBuilder sb = new StringBuilder(256); events[i & 1023].writeJson(sb); sink = sb.toString(); } },
            () -> { for (int i = 0; i < 20480; i++) sink = jacksonEvent(events[i & 1023]); } });
        // warm-up
        for (int w = 0; w < 5; w++) for (Runnable[] c : cases.values()) { c[0].run(); c[1].run(); }
        System.out.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        for (Map.Entry<String, Runnable[]> c : cases.entrySet()) {
            double[] ratios = new double[rounds]; long[] olds = new long[rounds], news = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                long o, n;
                if (r % 2 == 0) { o = cpu(c.getValue()[0]); n = cpu(c.getValue()[1]); } else { n = cpu(c.getValue()[1]); o = cpu(c.getValue()[0]); }
                olds[r] = o; news[r] = n; ratios[r] = (double) o / n; // >1: Jackson faster (throughput ratio new/old)
            }
            Arrays.sort(ratios); Arrays.sort(olds); Arrays.sort(news);
            System.out.printf("%-38s old median %7.2f ms CPU, Jackson median %7.2f ms CPU, throughput ratio Jackson/old: median %.2f (min %.2f, max %.2f)%n",
                c.getKey(), olds[rounds / 2] / 1e6, news[rounds / 2] / 1e6, ratios[rounds / 2], ratios[0], ratios[rounds - 1]);
        }
        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }
}
