package io.edgesec.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedTest {
    @Test
    void errorsAreListedFirstFewAndCounted() {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            errors.add("pid/unknown" + i + ": unknown setting " + "x".repeat(i == 0 ? 5000 : 0));
        }
        String s = Bounded.errors(errors);
        assertTrue(s.endsWith("; ... (900 errors in all)"), s);
        assertTrue(s.length() < Bounded.REPORTED_TEXT, s.length() + " characters");
        assertTrue(s.contains("(5030 characters in all)"), s);
        assertEquals("abc... (6 characters in all)", Bounded.text("abcdef", 3));
    }

    @Test
    void shortTextAndNullPassUnchanged() {
        String s = "x".repeat(Bounded.TEXT);
        assertSame(s, Bounded.text(s));
        assertNull(Bounded.text(null));
        assertTrue(Bounded.text(s + "y").endsWith("... (" + (Bounded.TEXT + 1) + " characters in all)"));
    }
}
