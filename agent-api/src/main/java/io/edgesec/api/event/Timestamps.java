package io.edgesec.api.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * An event's timestamps as its JSON carries them, ISO-8601 with millisecond precision, written
 * by hand (no formatter allocation per event): {@code TimestampUTC} ends in {@code Z};
 * {@code TimestampLocal} carries the real local offset.
 */
final class Timestamps {
    private Timestamps() {
    }

    static String utc(Instant t) {
        return format(LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC), "Z");
    }

    static String local(Instant t) {
        ZoneOffset off = ZoneId.systemDefault().getRules().getOffset(t);
        if (off.getTotalSeconds() % 60 != 0) {
            // RFC 3339 offsets have no seconds (historical zones such as Amsterdam before 1937
            // do): use whole minutes, local time shifted to match, so the instant stays exact.
            off = ZoneOffset.ofTotalSeconds(off.getTotalSeconds() / 60 * 60);
        }
        String suffix = off.getTotalSeconds() == 0 ? "Z" : off.getId();
        return format(OffsetDateTime.ofInstant(t, off).toLocalDateTime(), suffix);
    }

    private static String format(LocalDateTime t, String suffix) {
        StringBuilder sb = new StringBuilder(30);
        pad(sb, t.getYear(), 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        pad(sb, t.getNano() / 1_000_000, 3);
        return sb.append(suffix).toString();
    }

    private static StringBuilder pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
