package io.edgesec.transport.edgehub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.config.ConfigurationApplier;
import io.edgesec.support.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounds on what the twin sends and on what is reported back (issue 14). */
class TwinLimitsTest {
    static Map<String, Object> nested(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("leaf", 1);
        for (int i = 1; i < depth; i++) {
            Map<String, Object> outer = new LinkedHashMap<>();
            outer.put("d", m);
            m = outer;
        }
        return m;
    }

    @Test
    void documentsOverTheDepthKeyOrSizeLimitAreNamed() {
        assertNull(TwinDocumentLimits.check(nested(TwinDocumentLimits.MAX_DEPTH)));
        assertEquals("the document is nested deeper than 10 levels", TwinDocumentLimits.check(nested(TwinDocumentLimits.MAX_DEPTH + 1)));
        Map<String, Object> keys = new LinkedHashMap<>();
        for (int i = 0; i <= TwinDocumentLimits.MAX_KEYS; i++) {
            keys.put("k" + i, i);
        }
        assertEquals("the document has 1001 keys (the limit is 1000)", TwinDocumentLimits.check(keys));
        String size = TwinDocumentLimits.check(Map.of("v", "x".repeat(70_000)));
        assertTrue(size.startsWith("the document has 70") && size.endsWith("(the limit is 65536)"), size);
        // a list counts as a level too
        Map<String, Object> lists = Map.of("a", List.of(List.of(List.of(List.of(List.of(List.of(List.of(List.of(List.of(List.of(1)))))))))));
        assertNotNull(TwinDocumentLimits.check(lists));
    }

    static class Heard implements HubConnection.Listener {
        final List<String> got = new ArrayList<>();

        @Override
        public void connected(Map<String, Object> desired, Integer version) {
            got.add("connected");
        }

        @Override
        public void desiredPatch(Map<String, Object> patch, Integer version) {
            got.add("patch " + version + " " + JsonText.write(patch));
        }

        @Override
        public void unparseablePatch(Integer version, String where) {
            got.add("unparseable " + version + ": " + where);
        }
    }

    @Test
    void rawPatchesAreParsedBoundedAndUnparseableOnesReported() {
        Heard h = new Heard();
        RawDesiredPatches.handle("{\"a\": {\"b\": 1, \"$x\": 2}, \"$version\": 7}".getBytes(StandardCharsets.UTF_8), null, h);
        RawDesiredPatches.handle("{\"a\": {\"b\": \"PT".getBytes(StandardCharsets.UTF_8), 8, h);
        RawDesiredPatches.handle(("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8), 9, h);
        RawDesiredPatches.handle("[1, 2]".getBytes(StandardCharsets.UTF_8), 10, h);
        RawDesiredPatches.handle(new byte[RawDesiredPatches.MAX_PATCH_BYTES + 1], 11, h);
        assertEquals("patch 7 {\"a\":{\"b\":1}}", h.got.get(0));
        assertTrue(h.got.get(1).startsWith("unparseable 8: line 1, column"), h.got.get(1));
        assertTrue(h.got.get(2).startsWith("unparseable 9: ") && h.got.get(2).contains("nesting deeper than"), h.got.get(2));
        assertTrue(h.got.get(3).startsWith("unparseable 10: ") && h.got.get(3).contains("expected a JSON object"), h.got.get(3));
        assertTrue(h.got.get(4).startsWith("unparseable 11: a patch of 262145 bytes"), h.got.get(4));
        assertEquals(5, h.got.size());
    }

    @Test
    void aBundlesSectionOfTheWrongTypeIsRefusedAsAWhole() {
        assertTrue(TwinDocuments.shapeProblem(Map.of("edgesec", Map.of("bundles", "hello"))).contains("got a string"));
        assertTrue(TwinDocuments.shapeProblem(Map.of("edgesec", Map.of("bundles", List.of(1, 2)))).contains("got an array"));
        assertTrue(TwinDocuments.shapeProblem(Map.of("edgesec", 5)).contains("got a number"));
        assertNull(TwinDocuments.shapeProblem(Map.of("edgesec", Map.of("bundles", Map.of()))));
        Map<String, Object> removal = new LinkedHashMap<>();
        removal.put("bundles", null);
        assertNull(TwinDocuments.shapeProblem(Map.of("edgesec", removal)), "null removes: a merge patch");
    }

    @Test
    void reportedPropertiesStayUnderIotHubsLimit() {
        Map<String, Object> bundles = new LinkedHashMap<>();
        bundles.put("gone", null);
        for (int i = 0; i < 300; i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("state", "REFUSED");
            e.put("location", "file:///far/" + "d".repeat(200) + i);
            e.put("error", "location outside the allowed sources " + "e".repeat(2000));
            bundles.put("b" + i, e);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("result", "applied");
        Map<String, Object> edgesec = new LinkedHashMap<>();
        edgesec.put(TwinBridge.BUNDLES, bundles);
        edgesec.put(TwinBridge.STATUS, status);
        Map<String, Object> reported = new LinkedHashMap<>();
        reported.put(ConfigurationApplier.EDGESEC_SECTION, edgesec);
        Map<String, Object> fit = ReportedBudget.fit(reported);
        int size = ReportedBudget.size(fit);
        assertTrue(size <= ReportedBudget.MAX_BYTES, size + " bytes");
        // the health section's share too: a full configuration report and a full health report
        // together stay under IoT Hub's 32 KB, in whatever order they were patched
        assertTrue(ReportedBudget.MAX_BYTES + HealthReporter.MAX_BYTES < 32 * 1024);
        Map<?, ?> e = (Map<?, ?>) fit.get("edgesec");
        Map<?, ?> b = (Map<?, ?>) e.get("bundles");
        assertTrue(b.containsKey("gone") && b.get("gone") == null, "a deletion is kept");
        int omitted = ((Number) ((Map<?, ?>) e.get("status")).get("bundlesNotReported")).intValue();
        assertEquals(300, omitted + b.size() - 1);
        assertTrue(String.valueOf(((Map<?, ?>) b.get("b0")).get("error")).endsWith("(2037 characters in all)"));
        assertEquals(300, ((Map<?, ?>) ((Map<?, ?>) reported.get("edgesec")).get("bundles")).size() - 1, "the input is not changed");
    }

    @Test
    void aHugeBundleKeyIsCountedNotEchoed() {
        Map<String, Object> bundles = new LinkedHashMap<>();
        bundles.put("k".repeat(20_000), Map.of("state", "REFUSED"));
        bundles.put("ok", Map.of("state", "ACTIVE"));
        Map<String, Object> edgesec = new LinkedHashMap<>();
        edgesec.put(TwinBridge.BUNDLES, bundles);
        edgesec.put(TwinBridge.STATUS, new LinkedHashMap<>(Map.of("result", "applied")));
        Map<String, Object> fit = ReportedBudget.fit(Map.of(ConfigurationApplier.EDGESEC_SECTION, edgesec));
        Map<?, ?> e = (Map<?, ?>) fit.get("edgesec");
        assertEquals(Map.of("ok", Map.of("state", "ACTIVE")), e.get("bundles"));
        assertEquals(1, ((Map<?, ?>) e.get("status")).get("bundlesNotReported"));
    }
}
