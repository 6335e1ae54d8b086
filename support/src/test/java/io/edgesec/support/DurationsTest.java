package io.edgesec.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class DurationsTest {
    private final Duration fallback = Duration.ofMinutes(2);

    @Test
    void readsIsoDurationsAndFallsBackOnBlank() {
        Logger log = Logger.getLogger("DurationsTest.ok");
        assertEquals(Duration.ofSeconds(90), Durations.parse(" PT1M30S ", fallback, log));
        assertEquals(fallback, Durations.parse(null, fallback, log));
        assertEquals(fallback, Durations.parse("  ", fallback, log));
    }

    @Test
    void aBadValueFallsBackAndIsLoggedOnTheCallersLogger() {
        Logger log = Logger.getLogger("DurationsTest.bad");
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        try {
            assertEquals(fallback, Durations.parse("lots", fallback, log));
        } finally {
            log.removeHandler(h);
        }
        assertEquals(1, records.size());
        assertEquals("'lots' is not an ISO-8601 duration; using PT2M", records.get(0).getMessage());
    }
}
