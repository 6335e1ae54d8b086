package io.edgesec.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The text of the last second is reused: what comes out is still java.time's, for every instant and zone. */
@ExtendWith(RestoresDefaultTimeZone.class)
class TimestampsTest {
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
    private static String utcByJavaTime(Instant t) {
        return MILLIS.format(t.atOffset(ZoneOffset.UTC)) + "Z";
    }

    private static String localByJavaTime(Instant t) {
        ZoneOffset off = ZoneId.systemDefault().getRules().getOffset(t);
        off = ZoneOffset.ofTotalSeconds(off.getTotalSeconds() / 60 * 60);
        return MILLIS.format(t.atOffset(off)) + (off.getTotalSeconds() == 0 ? "Z" : off.getId());
    }

    @Test
    void eventsOfOneSecondGetTheirOwnMilliseconds() {
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        Instant second = Instant.parse("2026-12-06T16:00:05Z");
        for (int ms : new int[] {0, 7, 42, 999, 500, 1}) {
            Instant t = second.plusMillis(ms).plusNanos(123_456);
            assertEquals(utcByJavaTime(t), Timestamps.utc(t));
            assertEquals(localByJavaTime(t), Timestamps.local(t));
        }
        assertEquals("2026-12-06T16:00:05.042Z", Timestamps.utc(second.plusMillis(42)));
        assertEquals("2026-12-06T17:00:05.042+01:00", Timestamps.local(second.plusMillis(42)));
    }

    @Test
    void sameSecondInAnotherZoneIsWrittenForThatZone() {
        Instant t = Instant.parse("2026-07-01T12:00:00.250Z");
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        assertEquals("2026-07-01T14:00:00.250+02:00", Timestamps.local(t));
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
        assertEquals("2026-07-01T17:45:00.250+05:45", Timestamps.local(t));
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        assertEquals("2026-07-01T12:00:00.250Z", Timestamps.local(t));
    }

    @Test
    void agreesWithJavaTimeAroundTransitionsAndOverYears() {
        SplittableRandom r = new SplittableRandom(13);
        for (String zone : new String[] {"Europe/Amsterdam", "America/St_Johns", "Australia/Lord_Howe", "UTC"}) {
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            // a daylight-saving change in each (2026), second by second across it, then random instants
            Instant change = ZoneId.of(zone).getRules().nextTransition(Instant.parse("2026-03-01T00:00:00Z")) == null
                    ? Instant.parse("2026-03-29T01:00:00Z")
                    : ZoneId.of(zone).getRules().nextTransition(Instant.parse("2026-03-01T00:00:00Z")).getInstant();
            for (long s = -3; s <= 3; s++) {
                for (int ms : new int[] {0, 999}) {
                    Instant t = change.plusSeconds(s).plusMillis(ms);
                    assertEquals(utcByJavaTime(t), Timestamps.utc(t), zone + " " + t);
                    assertEquals(localByJavaTime(t), Timestamps.local(t), zone + " " + t);
                }
            }
            for (int i = 0; i < 2000; i++) {
                // 1900 to 2100; twice the same second now and then
                Instant t = Instant.ofEpochSecond(r.nextLong(-2_208_988_800L, 4_102_444_800L), r.nextInt(1_000_000_000));
                for (int k = 0; k < (i % 3 == 0 ? 2 : 1); k++) {
                    Instant u = k == 0 ? t : t.plusNanos(-t.getNano() + r.nextInt(1_000_000_000));
                    assertEquals(utcByJavaTime(u), Timestamps.utc(u), zone + " " + u);
                    assertEquals(localByJavaTime(u), Timestamps.local(u), zone + " " + u);
                }
            }
        }
    }
}
