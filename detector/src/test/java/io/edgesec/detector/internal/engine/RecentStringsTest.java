package io.edgesec.detector.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Equal strings come back as the first copy seen; long ones and evicted ones as they are. */
class RecentStringsTest {
    @Test
    void returnsTheFirstCopyOfAnEqualString() {
        RecentStrings r = new RecentStrings(64, 16);
        String first = new String("/usr/bin/ps");
        assertSame(first, r.share(first));
        assertSame(first, r.share(new String("/usr/bin/ps")));
        assertSame(first, r.share(new String("/usr/bin/ps")));
    }

    @Test
    void keepsLongStringsAsTheyAre() {
        RecentStrings r = new RecentStrings(64, 4);
        String first = new String("12345");
        assertSame(first, r.share(first));
        String second = new String("12345");
        assertSame(second, r.share(second));
        assertEquals(null, r.share(null));
    }

    @Test
    void aCollisionReplacesTheBucketWithoutGrowing() {
        RecentStrings r = new RecentStrings(1, 100); // one bucket: every string collides
        String a = new String("a");
        String b = new String("b");
        assertSame(a, r.share(a));
        assertSame(b, r.share(b));
        String a2 = new String("a");
        assertSame(a2, r.share(a2)); // "a" was replaced by "b": the new copy is cached
        assertNotSame(a, r.share(new String("a")));
        assertThrows(IllegalArgumentException.class, () -> new RecentStrings(3, 10));
    }
}
