package io.edgesec.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.edgesec.api.collector.Collector;
import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.SecurityEvent;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.ServiceRegistration;

/**
 * A collector that floods, one that throws and one that hangs do not stop a well-behaved
 * collector's events from being delivered; their trouble is reported, the flood's excess is
 * counted as dropped.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class CollectorIsolationTest extends AgentTestSupport {

    @Test
    public void misbehavingCollectorsDoNotStarveOthers() throws Exception {
        configureAgent("PT1H");
        update("io.edgesec.aggregator", "collectorRatePerSecond", 1000, "collectorBurst", 1000);
        List<ServiceRegistration<?>> regs = new ArrayList<>();
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong offered = new AtomicLong();
        try {
            regs.add(context.registerService(TriggeredCollector.class, new TriggeredCollector() {
                @Override
                public void open(EventSink sink) {
                    Thread t = new Thread(() -> {
                        while (flooding.get()) {
                            offered.incrementAndGet();
                            sink.submit(SecurityEvent.builder("FloodEvent").payload(Map.of("N", "x".repeat(200))).build());
                        }
                    }, "flood");
                    t.setDaemon(true);
                    t.start();
                }

                @Override
                public void close() {
                    flooding.set(false);
                }
            }, props("flood", null, null)));
            regs.add(context.registerService(PeriodicCollector.class, () -> {
                throw new IllegalStateException("broken on purpose");
            }, props("thrower", "PT1S", null)));
            regs.add(context.registerService(PeriodicCollector.class, () -> {
                Thread.sleep(Long.MAX_VALUE);
                return List.of();
            }, props("hanger", "PT1S", "PT1S")));
            regs.add(context.registerService(PeriodicCollector.class, () -> List.of(SecurityEvent.builder("WellBehaved")
                    .category(EventCategory.PERIODIC).payload(Map.of("Ok", "yes")).build()), props("good", "PT1S", null)));

            await("the well-behaved collector delivers repeatedly", () -> count("WellBehaved") >= 3);
            await("the thrower is reported", () -> diagnosticFor("thrower", "broken on purpose"));
            await("the hanger is reported", () -> diagnosticFor("hanger", "did not return"));
            await("the flood's excess is counted as dropped", () -> droppedReported());
            assertTrue("the flood really flooded: " + offered.get(), offered.get() > 10_000);
        } finally {
            flooding.set(false);
            regs.forEach(ServiceRegistration::unregister);
        }
    }

    @Test
    public void aQuotaChangeAppliesToCollectorsAlreadyRunning() throws Exception {
        configureAgent("PT1H"); // default quota: 5,000/s with a burst of 20,000
        java.util.concurrent.atomic.AtomicReference<EventSink> sinkOf = new java.util.concurrent.atomic.AtomicReference<>();
        ServiceRegistration<?> reg = context.registerService(TriggeredCollector.class, new TriggeredCollector() {
            @Override
            public void open(EventSink sink) {
                sinkOf.set(sink);
            }

            @Override
            public void close() {
            }
        }, props("steady", null, null));
        try {
            await("the collector is open", () -> sinkOf.get() != null);
            assertEquals(50, submit(sinkOf.get(), 50));
            // tightened while the collector runs: it bites without a rebind
            update("io.edgesec.aggregator", "collectorRatePerSecond", 1, "collectorBurst", 5);
            await("the tight quota applies to the running collector", () -> submit(sinkOf.get(), 50) <= 6);
            // and loosened again
            update("io.edgesec.aggregator", "collectorRatePerSecond", 10_000, "collectorBurst", 1_000);
            await("50 events in a row are accepted under the loose quota", () -> submit(sinkOf.get(), 50) == 50);
        } finally {
            reg.unregister();
        }
    }

    private static int submit(EventSink sink, int n) {
        int accepted = 0;
        for (int i = 0; i < n; i++) {
            if (sink.submit(SecurityEvent.builder("QuotaProbe").payload(Map.of("N", i)).build())) {
                accepted++;
            }
        }
        return accepted;
    }

    private static Hashtable<String, Object> props(String name, String period, String timeout) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(Collector.NAME, name);
        if (period != null) {
            p.put(PeriodicCollector.PERIOD, period);
        }
        if (timeout != null) {
            p.put(PeriodicCollector.TIMEOUT, timeout);
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private boolean diagnosticFor(String collector, String text) throws Exception {
        return events().stream().filter(e -> "Diagnostic".equals(e.get("Name"))).flatMap(e -> payload(e).stream())
                .anyMatch(p -> collector.equals(((Map<String, Object>) p.get("ExtraDetails")).get("Collector"))
                        && String.valueOf(p.get("Message")).contains(text));
    }

    @SuppressWarnings("unchecked")
    private boolean droppedReported() throws Exception {
        return events().stream().filter(e -> "DroppedEventsStatistics".equals(e.get("Name"))).flatMap(e -> payload(e).stream())
                .anyMatch(p -> p.get("ExtraDetails") instanceof Map<?, ?> x
                        && ((Map<String, Object>) x).containsKey("DroppedByQuota.flood"));
    }
}
