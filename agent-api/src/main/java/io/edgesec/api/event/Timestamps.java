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
 *
 * <p>Events come in bursts of the same second (an audit log read at full speed: hundreds per
 * second of stream time), so the text up to the milliseconds is kept for the last second seen,
 * UTC and local (with its zone) apart, and only the milliseconds are written anew: the calendar
 * arithmetic, the zone rules' offset look-up and the number formatting run once per second, not
 * once per event.
 */
final class Timestamps {
    // the last second written, each an immutable holder (final fields: safe to share between
    // threads without a lock; a thread that sees an older one merely formats again)
    private static Second lastUtc;
    private static Second lastLocal;

    /** The text of one second ({@code 2026-11-28T21:26:19.}) and what follows the milliseconds. */
    private static final class Second {
        final long epochSecond;
        final ZoneId zone; // null for UTC
        final String prefix;
        final String suffix;

        Second(long epochSecond, ZoneId zone, String prefix, String suffix) {
            this.epochSecond = epochSecond;
            this.zone = zone;
            this.prefix = prefix;
            this.suffix = suffix;
        }

        String with(int nanos) {
            int ms = nanos / 1_000_000;
            StringBuilder sb = new StringBuilder(prefix.length() + 3 + suffix.length());
            return sb.append(prefix).append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
                    .append((char) ('0' + ms % 10)).append(suffix).toString();
        }
    }

    private Timestamps() {
    }

    static String utc(Instant t) {
        long s = t.getEpochSecond();
        Second c = lastUtc;
        if (c == null || c.epochSecond != s) {
            c = new Second(s, null, prefix(LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC)), "Z");
            lastUtc = c;
        }
        return c.with(t.getNano());
    }

    static String local(Instant t) {
        ZoneId zone = ZoneId.systemDefault();
        long s = t.getEpochSecond();
        Second c = lastLocal;
        if (c == null || c.epochSecond != s || !zone.equals(c.zone)) {
            ZoneOffset off = zone.getRules().getOffset(t);
            if (off.getTotalSeconds() % 60 != 0) {
                // RFC 3339 offsets have no seconds (historical zones such as Amsterdam before 1937
                // do): use whole minutes, local time shifted to match, so the instant stays exact.
                off = ZoneOffset.ofTotalSeconds(off.getTotalSeconds() / 60 * 60);
            }
            String suffix = off.getTotalSeconds() == 0 ? "Z" : off.getId();
            c = new Second(s, zone, prefix(OffsetDateTime.ofInstant(Instant.ofEpochSecond(s), off).toLocalDateTime()), suffix);
            lastLocal = c;
        }
        return c.with(t.getNano());
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.}, the milliseconds to follow. */
    private static String prefix(LocalDateTime t) {
        StringBuilder sb = new StringBuilder(24);
        pad(sb, t.getYear(), 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
