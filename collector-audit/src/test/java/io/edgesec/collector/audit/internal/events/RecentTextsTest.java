package io.edgesec.collector.audit.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentTextsTest {
    @Test
    void anEqualTextIsTheEarlierInstance() {
        RecentTexts t = new RecentTexts(16, 64);
        String first = new String("/usr/bin/true");
        assertSame(first, t.share(first));
        String again = new String("/usr/bin/true");
        assertSame(first, t.share(again));
        String other = new String("/usr/bin/false");
        assertEquals("/usr/bin/false", t.share(other));
        assertNull(t.share(null));
        assertSame("", t.share(""));
    }

    @Test
    void onlyEqualTextsAreShared() {
        RecentTexts t = new RecentTexts(1, 64); // one bucket: every text collides
        String a = new String("a");
        String b = new String("b");
        assertSame(a, t.share(a));
        assertSame(b, t.share(b)); // a collision replaces, never answers with another text
        assertSame(b, t.share(new String("b")));
        String a2 = new String("a");
        assertSame(a2, t.share(a2));
    }

    @Test
    void boundedByItsBucketsAndLength() {
        RecentTexts t = new RecentTexts(64, 8);
        for (int i = 0; i < 100_000; i++) {
            String s = "cmd " + i;
            assertEquals(s, t.share(s));
        }
        assertTrue(t.size() <= 64, "at most one text per bucket: " + t.size());
        String longer = new String("123456789");
        assertSame(longer, t.share(longer));
        assertSame(longer, t.share(longer));
        String longerAgain = new String("123456789");
        assertSame(longerAgain, t.share(longerAgain), "a text over the length is not cached");
        assertThrows(IllegalArgumentException.class, () -> new RecentTexts(48, 8));
    }
}
