package io.edgesec.collector.system.internal.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenPortsRecommenderTest {
    static OpenPortsConfig config(String... allowed) {
        return new OpenPortsConfig() {
            public Class<? extends Annotation> annotationType() {
                return OpenPortsConfig.class;
            }

            public String[] allowedPorts() {
                return allowed;
            }

            public boolean enabled() {
                return true;
            }
        };
    }

    static SecurityEvent ports(String... rows) {
        SecurityEvent.Builder b = SecurityEvent.builder(EventNames.LISTENING_PORTS).category(EventCategory.PERIODIC);
        for (String r : rows) {
            String[] f = r.split(" ");
            b.payload(Map.of("Protocol", f[0], "LocalAddress", f[1], "LocalPort", f[2],
                    "ExtraDetails", Map.of("NetworkNamespace", "host", "Executable", "/usr/sbin/x")));
        }
        return b.build();
    }

    @Test
    void nonLoopbackPortsNotAllowedOnceAndOnChange() {
        OpenPortsRecommender r = new OpenPortsRecommender(config("22/tcp", "5671-5672", "53/udp"));
        List<Recommendation> first = r.evaluate(ports("tcp 0.0.0.0 22", "tcp 127.0.0.1 631", "tcp6 :: 8080", "udp 0.0.0.0 53",
                "tcp 0.0.0.0 53", "tcp 10.0.0.5 5672", "tcp6 ::1 9000"));
        assertEquals(List.of("tcp6|::|8080", "tcp|0.0.0.0|53"), first.stream().map(x -> x.data().get("Protocol") + "|"
                + x.data().get("LocalAddress") + "|" + x.data().get("LocalPort")).toList());
        assertEquals("IoT_OpenPorts", first.get(0).payload().get("RecommendationType"));
        assertEquals("Medium", first.get(0).payload().get("Severity"));
        assertEquals(List.of(), r.evaluate(ports("tcp6 :: 8080", "tcp 0.0.0.0 53")));
        assertEquals(1, r.evaluate(ports("tcp6 :: 8080", "tcp 0.0.0.0 53", "udp 0.0.0.0 1900")).size());
        assertEquals(List.of(), r.evaluate(ports("tcp6 :: 8080")), "a closed port is no finding");
        assertEquals(1, r.evaluate(ports("tcp6 :: 8080", "tcp 0.0.0.0 53")).size(), "and is raised again when it reopens");
    }

    @Test
    void enricherPassesEventsThroughAndPushesFindingsThroughTheSink() throws Exception {
        OpenPortsRecommender r = new OpenPortsRecommender(config("bogus", "22"));
        LinkedBlockingQueue<SecurityEvent> got = new LinkedBlockingQueue<>();
        EventSink sink = e -> got.add(e);
        r.open(sink);
        try {
            SecurityEvent status = got.poll(30, TimeUnit.SECONDS);
            assertTrue(status.toJson().contains("allowedPorts entry 'bogus'"), status.toJson());
            SecurityEvent in = ports("tcp 0.0.0.0 22", "tcp 0.0.0.0 1883");
            assertSame(in, r.enrich(in));
            SecurityEvent rec = got.poll(30, TimeUnit.SECONDS);
            assertEquals(EventNames.RECOMMENDATION, rec.name());
            assertEquals("1883", ((Map<?, ?>) rec.payload().get(0).get("RecommendationAdditionalData")).get("LocalPort"));
        } finally {
            r.close();
        }
    }
}
