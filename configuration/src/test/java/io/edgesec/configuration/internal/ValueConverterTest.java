package io.edgesec.configuration.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

class ValueConverterTest {

    private static String fails(AttributeDefinition ad, Object json) {
        return assertThrows(IllegalArgumentException.class, () -> ValueConverter.convert(ad, json)).getMessage();
    }

    @Test
    void scalarTypes() {
        assertEquals(true, ValueConverter.convert(new TestAttribute("b", AttributeDefinition.BOOLEAN, "false"), true));
        assertEquals(false, ValueConverter.convert(new TestAttribute("b", AttributeDefinition.BOOLEAN), "FALSE"));
        assertEquals(42, ValueConverter.convert(new TestAttribute("i", AttributeDefinition.INTEGER), 42L));
        assertEquals(42, ValueConverter.convert(new TestAttribute("i", AttributeDefinition.INTEGER), 42.0));
        assertEquals(42, ValueConverter.convert(new TestAttribute("i", AttributeDefinition.INTEGER), " 42 "));
        assertEquals(Long.MAX_VALUE, ValueConverter.convert(new TestAttribute("l", AttributeDefinition.LONG), Long.MAX_VALUE));
        assertEquals((short) -7, ValueConverter.convert(new TestAttribute("s", AttributeDefinition.SHORT), -7L));
        assertEquals((byte) 127, ValueConverter.convert(new TestAttribute("y", AttributeDefinition.BYTE), 127L));
        assertEquals(1.5, ValueConverter.convert(new TestAttribute("d", AttributeDefinition.DOUBLE), 1.5));
        assertEquals(2.0, ValueConverter.convert(new TestAttribute("d", AttributeDefinition.DOUBLE), 2L));
        assertEquals(0.25f, ValueConverter.convert(new TestAttribute("f", AttributeDefinition.FLOAT), "0.25"));
        assertEquals('x', ValueConverter.convert(new TestAttribute("c", AttributeDefinition.CHARACTER), "x"));
        assertEquals("text", ValueConverter.convert(new TestAttribute("t", AttributeDefinition.STRING), "text"));
        assertEquals("5", ValueConverter.convert(new TestAttribute("t", AttributeDefinition.STRING), 5L));
    }

    @Test
    void badValuesAreNamed() {
        assertTrue(fails(new TestAttribute("b", AttributeDefinition.BOOLEAN), "yes").contains("'yes' is not true or false"));
        assertTrue(fails(new TestAttribute("b", AttributeDefinition.BOOLEAN), 1L).contains("'1'"));
        assertTrue(fails(new TestAttribute("i", AttributeDefinition.INTEGER), "12a").contains("'12a' is not a whole number"));
        assertTrue(fails(new TestAttribute("i", AttributeDefinition.INTEGER), 1.5).contains("'1.5' is not a whole number"));
        assertTrue(fails(new TestAttribute("i", AttributeDefinition.INTEGER), 2147483648L).contains("2147483648 is out of range"));
        assertTrue(fails(new TestAttribute("i", AttributeDefinition.INTEGER), true).contains("not a whole number"));
        assertTrue(fails(new TestAttribute("s", AttributeDefinition.SHORT), 40000L).contains("out of range"));
        assertTrue(fails(new TestAttribute("y", AttributeDefinition.BYTE), 128L).contains("out of range"));
        assertTrue(fails(new TestAttribute("d", AttributeDefinition.DOUBLE), "many").contains("'many' is not a number"));
        assertTrue(fails(new TestAttribute("c", AttributeDefinition.CHARACTER), "xy").contains("not a single character"));
        assertTrue(fails(new TestAttribute("t", AttributeDefinition.STRING), Map.of("a", 1)).contains("JSON object"));
        assertTrue(fails(new TestAttribute("t", AttributeDefinition.STRING), null).contains("null"));
        assertTrue(fails(new TestAttribute("t", AttributeDefinition.STRING), List.of("a")).contains("single value"));
    }

    @Test
    void hugeNumbersAreOutOfRangeNotClamped() {
        assertTrue(fails(new TestAttribute("l", AttributeDefinition.LONG), 1e20).contains("out of range"));
        assertTrue(fails(new TestAttribute("l", AttributeDefinition.LONG), 9.3e18).contains("out of range"));
        assertTrue(fails(new TestAttribute("i", AttributeDefinition.INTEGER), 1e10).contains("out of range"));
        assertTrue(fails(new TestAttribute("l", AttributeDefinition.LONG), "99999999999999999999").contains("not a whole number"));
        assertEquals(1_000_000_000_000L, ValueConverter.convert(new TestAttribute("l", AttributeDefinition.LONG), 1e12));
        assertEquals(-5, ValueConverter.convert(new TestAttribute("i", AttributeDefinition.INTEGER), -5.0));
        assertEquals(0, ValueConverter.convert(new TestAttribute("i", AttributeDefinition.INTEGER), -0.0));
    }

    @Test
    void arrays() {
        AttributeDefinition ad = new TestAttribute("names", AttributeDefinition.STRING).cardinality(Integer.MAX_VALUE);
        assertArrayEquals(new String[] {"a", "b"}, (String[]) ValueConverter.convert(ad, List.of("a", "b")));
        assertArrayEquals(new String[] {"single"}, (String[]) ValueConverter.convert(ad, "single"));
        assertArrayEquals(new String[0], (String[]) ValueConverter.convert(ad, List.of()));
        AttributeDefinition ints = new TestAttribute("ports", AttributeDefinition.INTEGER).cardinality(-10).min("1").max("65535");
        assertArrayEquals(new Integer[] {22, 443}, (Integer[]) ValueConverter.convert(ints, List.of(22L, 443L)));
        String m = fails(ints, List.of(22L, 70000L));
        assertTrue(m.contains("70000") && m.contains("maximum"), m);
        assertTrue(fails(ints, Arrays.asList(22L, null)).contains("null"));
        AttributeDefinition two = new TestAttribute("pair", AttributeDefinition.STRING).cardinality(2);
        assertTrue(fails(two, List.of("a", "b", "c")).contains("at most 2"));
    }

    @Test
    void minMaxAndOptionsThroughTheMetatype() {
        AttributeDefinition size = new TestAttribute("maxMessageSizeInBytes", AttributeDefinition.INTEGER, "204800").min("8192").max("262144");
        assertEquals(8192, ValueConverter.convert(size, 8192L));
        assertEquals(262144, ValueConverter.convert(size, 262144L));
        String low = fails(size, 8191L);
        assertTrue(low.contains("'8191'") && low.contains("minimum 8192"), low);
        assertTrue(fails(size, 262145L).contains("maximum 262144"));
        AttributeDefinition opt = new TestAttribute("mode", AttributeDefinition.STRING, "a").options("a", "b");
        assertEquals("b", ValueConverter.convert(opt, "b"));
        assertTrue(fails(opt, "c").contains("'c'"));
        AttributeDefinition name = new TestAttribute("name", AttributeDefinition.STRING).min("2");
        assertTrue(fails(name, "x").contains("shorter"));
    }

    @Test
    void durationsAreCheckedWhereTheDefaultIsADuration() {
        AttributeDefinition freq = new TestAttribute("highPriorityMessageFrequency", AttributeDefinition.STRING, "PT7M");
        assertEquals("PT1M", ValueConverter.convert(freq, "PT1M"));
        assertEquals("P1D", ValueConverter.convert(freq, "P1D"));
        assertTrue(fails(freq, "7 minutes").contains("not an ISO-8601 duration"));
        assertTrue(fails(freq, "PT0S").contains("positive"));
        assertTrue(fails(freq, "-PT1M").contains("positive"));
        assertTrue(fails(freq, 7L).contains("'7'"));
        assertTrue(fails(freq, "").contains("ISO-8601"), "empty is no duration where the default is one");
        // a string attribute whose default is empty (or not a duration) takes anything
        AttributeDefinition period = new TestAttribute("edgesec.collector.period", AttributeDefinition.STRING, "");
        assertEquals("", ValueConverter.convert(period, ""));
        AttributeDefinition path = new TestAttribute("procRoot", AttributeDefinition.STRING, "/proc");
        assertEquals("Pxyz", ValueConverter.convert(path, "Pxyz"));
        AttributeDefinition word = new TestAttribute("prefix", AttributeDefinition.STRING, "Prefix");
        assertEquals("anything", ValueConverter.convert(word, "anything"));
    }

    @Test
    void prioritiesAreCheckedForEventPriorityKeys() {
        AttributeDefinition p = new TestAttribute("eventPriorityLogin", AttributeDefinition.STRING, "High");
        assertEquals("Low", ValueConverter.convert(p, "Low"));
        assertEquals("off", ValueConverter.convert(p, "off"));
        assertEquals("HIGH", ValueConverter.convert(p, "HIGH"));
        assertTrue(fails(p, "Medium").contains("not a priority"));
        assertTrue(fails(p, "").contains("not a priority"));
        assertTrue(fails(p, true).contains("not a priority"));
    }

    @Test
    void defaultsInTheirType() {
        assertEquals(204800, ValueConverter.defaultValue(new TestAttribute("i", AttributeDefinition.INTEGER, "204800")));
        assertEquals(true, ValueConverter.defaultValue(new TestAttribute("b", AttributeDefinition.BOOLEAN, "true")));
        assertNull(ValueConverter.defaultValue(new TestAttribute("s", AttributeDefinition.STRING)));
        assertArrayEquals(new String[] {"Alert=High", "x=Low"}, (String[]) ValueConverter.defaultValue(
                new TestAttribute("a", AttributeDefinition.STRING, "Alert=High", "x=Low").cardinality(100)));
        assertArrayEquals(new Long[0], (Long[]) ValueConverter.defaultValue(
                new TestAttribute("a", AttributeDefinition.LONG).cardinality(5)));
        assertEquals(Boolean.class, ValueConverter.javaType(AttributeDefinition.BOOLEAN));
        assertEquals(String.class, ValueConverter.javaType(AttributeDefinition.PASSWORD));
    }
}
