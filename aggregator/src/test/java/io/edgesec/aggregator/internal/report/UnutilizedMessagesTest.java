package io.edgesec.aggregator.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnutilizedMessagesTest {
    private final Statistics statistics = new Statistics();

    private SecurityEvent report(int big, int small, Instant now) {
        for (int i = 0; i < big; i++) {
            statistics.messageSent(10_000, 5);
        }
        for (int i = 0; i < small; i++) {
            statistics.messageSent(900, 1);
        }
        return statistics.messageStatistics(now);
    }

    @Test
    void raisedOnceWhenTenPercentAreSmallAgainAfterItStopped() {
        UnutilizedMessages u = new UnutilizedMessages();
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        assertNull(u.observe(report(0, 0, t), t), "nothing sent: nothing to say");
        assertNull(u.observe(report(95, 5, t), t), "5 %");
        Instant t1 = t.plus(Duration.ofHours(1));
        SecurityEvent rec = u.observe(report(0, 6, t1), t1); // 11 of 106 in 24 h
        assertNotNull(rec);
        assertEquals(EventNames.RECOMMENDATION, rec.name());
        Map<String, Object> p = rec.payload().get(0);
        assertEquals("IoT_AgentSendsUnutilizedMessages", p.get("RecommendationType"));
        assertEquals("Low", p.get("Severity"));
        assertEquals(Map.of("MessagesSent", "106", "MessagesUnder4KB", "11", "PercentUnder4KB", "10", "WindowHours", "24"),
                p.get("RecommendationAdditionalData"));
        Instant t2 = t.plus(Duration.ofHours(2));
        assertNull(u.observe(report(0, 3, t2), t2), "still holds: not raised again");
        // a day later the small messages have left the window
        Instant t3 = t.plus(Duration.ofHours(26));
        assertNull(u.observe(report(100, 0, t3), t3));
        Instant t4 = t.plus(Duration.ofHours(27));
        assertNotNull(u.observe(report(0, 50, t4), t4), "it came back");
    }
}
