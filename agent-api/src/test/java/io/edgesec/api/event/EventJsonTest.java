package io.edgesec.api.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The Jackson writer against the hand-written one it replaced: the same bytes, the same sizes. */
class EventJsonTest {
    /** Every kind of character the writers treat differently, and some plain ones. */
    private static final String[] PIECES = {"a", "Z", " ", "/", "é", "ÿ", "\u0100", "\u07ff", "\u0800", "€", "中文",
        "\uffff", "\ufeff", "😀", "\uD800\uDC00", "\uDBFF\uDFFF", "\ud800", "\udc00", "\udbff", "\"", "\\", "\n", "\r",
        "\t", "\b", "\f", "\u0000", "\u0001", "\u001f", "\u007f", "\u0080", "\u2028", "\u2029", "</", "'", "\u00a0"};

    private final Random random = new Random(13);

    @Test
    void randomEventsAreWrittenByteForByteAsBefore() {
        for (int i = 0; i < 5000; i++) {
            SecurityEvent e = randomEvent();
            String legacy = LegacyEventText.event(e);
            byte[] expected = legacy.getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, e.toUtf8(), legacy);
            assertEquals(expected.length, e.utf8Size(), legacy);
            assertEquals(legacy, e.toJson());
            StringBuilder sb = new StringBuilder();
            e.writeJson(sb);
            assertEquals(legacy, sb.toString());
        }
    }

    @Test
    void randomMessagesAreWrittenByteForByteAsBeforeAndSizedExactly() {
        for (int i = 0; i < 300; i++) {
            List<SecurityEvent> events = new ArrayList<>();
            long sum = 0;
            for (int n = 1 + random.nextInt(20); n > 0; n--) {
                SecurityEvent e = randomEvent();
                events.add(e);
                sum += e.utf8Size();
            }
            String version = randomString(8);
            String agent = randomString(40);
            SecurityMessage m = new SecurityMessage(version, agent, events, Priority.LOW);
            byte[] expected = LegacyEventText.message(version, agent, events).getBytes(StandardCharsets.UTF_8);
            byte[] utf8 = m.toUtf8();
            assertArrayEquals(expected, utf8);
            assertEquals(new String(expected, StandardCharsets.UTF_8), m.toJson());
            assertEquals(SecurityMessage.envelopeOverhead(version, agent) + sum + events.size() - 1, utf8.length);
        }
    }

    @Test
    void aParsedEventKeepsItsTextAndSize() {
        for (int i = 0; i < 500; i++) {
            SecurityEvent e = randomEvent();
            SecurityEvent back = SecurityEvent.parse(e.toJson());
            assertEquals(e.toJson(), back.toJson());
            assertArrayEquals(e.toUtf8(), back.toUtf8());
            assertEquals(e.utf8Size(), back.utf8Size());
        }
    }

    private SecurityEvent randomEvent() {
        SecurityEvent.Builder b = SecurityEvent.builder(randomString(12))
                .type(EventType.values()[random.nextInt(EventType.values().length)])
                .category(EventCategory.values()[random.nextInt(EventCategory.values().length)])
                .timestamp(Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L + 1_000_000_000_000L));
        if (random.nextInt(4) == 0) {
            b.id(randomString(36));
        }
        if (random.nextInt(8) == 0) {
            b.payloadSchemaVersion(randomString(3));
        }
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            b.payload(randomMap(0));
        }
        return b.build();
    }

    private Map<String, Object> randomMap(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int n = random.nextInt(6); n > 0; n--) {
            m.put(randomString(10), randomValue(depth));
        }
        return m;
    }

    private Object randomValue(int depth) {
        int kind = random.nextInt(depth < 3 ? 18 : 16);
        return switch (kind) {
            case 0, 1, 2, 3 -> randomString(30);
            case 4 -> random.nextInt();
            case 5 -> random.nextLong();
            case 6 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) * (random.nextBoolean() ? 1 : -1);
            case 7 -> (double) random.nextInt(1000);
            case 8 -> random.nextFloat();
            case 9 -> random.nextBoolean();
            case 10 -> new BigInteger(100, random);
            case 11 -> new BigDecimal(new BigInteger(60, random), random.nextInt(20) - 10);
            case 12 -> new AtomicLong(random.nextLong());
            case 13 -> PIECES[random.nextInt(PIECES.length)].charAt(0);
            case 14 -> random.nextBoolean() ? Priority.HIGH : -0.0;
            case 15 -> random.nextBoolean() ? 1e15 : 123456789012345.0;
            case 16 -> randomMap(depth + 1);
            default -> {
                List<Object> l = new ArrayList<>();
                for (int n = random.nextInt(5); n > 0; n--) {
                    l.add(randomValue(depth + 1));
                }
                yield l;
            }
        };
    }

    private String randomString(int max) {
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(max + 1); n > 0; n--) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }
}
