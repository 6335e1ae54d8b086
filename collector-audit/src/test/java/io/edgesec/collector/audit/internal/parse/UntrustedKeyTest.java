package io.edgesec.collector.audit.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A rule's key list read where it lies agrees with decoding it into a String and splitting that. */
class UntrustedKeyTest {
    private static AuditRecord withKey(String keyField) {
        AuditRecord r = new RecordParser().parse("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=2 success=yes " + keyField);
        if (r == null) {
            throw new AssertionError(keyField);
        }
        return r;
    }

    private static String hex(String text) {
        return HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** What PayloadFields.hasKey did before: the decoded text, split at U+0001. */
    private static boolean bySplitting(AuditRecord r, String key) {
        String k = r.untrusted("key", null);
        if (k == null || k.equals("(null)")) {
            return false;
        }
        for (String one : k.split("\u0001")) {
            if (one.equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inPlace(AuditRecord r, String key) {
        int i = r.find("key");
        return i >= 0 && !r.untrustedIs(i, "(null)") && r.untrustedListHas(i, key);
    }

    @Test
    void quotedHexAndUnset() {
        assertTrue(inPlace(withKey("key=\"edgesec\""), "edgesec"));
        assertFalse(inPlace(withKey("key=\"edgesec2\""), "edgesec"));
        assertTrue(inPlace(withKey("key=" + hex("cis\u0001edgesec")), "edgesec"));
        assertTrue(inPlace(withKey("key=" + hex("edgesec\u0001cis")), "edgesec"));
        assertFalse(inPlace(withKey("key=" + hex("edgesecx\u0001cis")), "edgesec"));
        assertFalse(inPlace(withKey("key=(null)"), "(null)"));
        assertFalse(inPlace(withKey("key=" + hex("(null)")), "(null)"));
        assertFalse(inPlace(withKey("key=\"(null)\""), "(null)"));
        assertTrue(inPlace(withKey("key=\"(null)x\""), "(null)x"));
        assertFalse(inPlace(withKey("comm=\"x\""), "edgesec"));
        assertTrue(inPlace(withKey("key=" + hex("ké\u0001a")), "ké")); // not ASCII: the String path
        assertTrue(inPlace(withKey("key=" + hex("a\u0001")), "a"));
        assertFalse(inPlace(withKey("key=" + hex("\u0001")), "edgesec"));
    }

    @Test
    void agreesWithSplittingTheDecodedText() {
        SplittableRandom r = new SplittableRandom(11);
        String[] parts = {"edgesec", "cis", "", "\u0001", "é", "x", "(null)", "EDGESEC", "edge", "sec"};
        String[] keys = {"edgesec", "cis", "(null)", "x", "é", "edge", "a b"};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = r.nextInt(4); k >= 0; k--) {
                text.append(parts[r.nextInt(parts.length)]);
                if (r.nextBoolean()) {
                    text.append('\u0001');
                }
            }
            String t = text.toString();
            String field;
            switch (r.nextInt(3)) {
                case 0 -> field = "key=" + hex(t);
                case 1 -> field = t.contains("\"") || t.contains("\u0001") || t.contains(" ") ? "key=" + hex(t) : "key=\"" + t + "\"";
                default -> field = t.isEmpty() || t.contains(" ") || t.contains("\u0001") ? "key=(null)" : "key=" + t;
            }
            AuditRecord rec = withKey(field);
            for (String key : keys) {
                assertEquals(bySplitting(rec, key), inPlace(rec, key), field + " has " + key);
            }
        }
    }
}
