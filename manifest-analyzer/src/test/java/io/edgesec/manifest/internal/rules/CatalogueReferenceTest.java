package io.edgesec.manifest.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.manifest.internal.Corpus;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The catalogue matches reference section 2: every ID, and the suggested default severity. */
class CatalogueReferenceTest {
    @Test
    void everyReferenceRuleExistsWithItsSuggestedSeverity() throws Exception {
        String md = Files.readString(Corpus.shared().resolve("reference/iotedge-manifest.md"));
        Matcher m = Pattern.compile("(?m)^\\| (IOTE-\\d{3}) \\|(.*)\\|\\s*$").matcher(md);
        Map<String, String> suggested = new LinkedHashMap<>();
        while (m.find()) {
            String row = m.group(2);
            suggested.put(m.group(1), row.substring(row.lastIndexOf('|') + 1).trim());
        }
        assertEquals(67, suggested.size());
        assertEquals(suggested.size(), RuleCatalogue.all().size());
        for (Map.Entry<String, String> e : suggested.entrySet()) {
            Rule r = RuleCatalogue.byId(e.getKey());
            assertNotNull(r, e.getKey());
            String s = e.getValue().toUpperCase().replace("*", "");
            String mine = r.info().severity().name();
            // the suggestion names the default first ("INFO / LOW", "HIGH; CRITICAL for ..."); ERROR (validity) maps to HIGH
            String first = s.startsWith("ERROR") ? "HIGH" : s.split("[^A-Z]+")[0];
            if (s.startsWith("CRITICAL FOR")) {
                first = "HIGH"; // IOTE-009: CRITICAL only for ALL/SYS_ADMIN/SYS_MODULE
            }
            if (s.startsWith("MEDIUM WHEN EXPLICITLY ROOT")) {
                first = "MEDIUM";
            }
            assertEquals(first, mine, e.getKey() + " suggested '" + e.getValue() + "'");
            assertFalse(r.info().description().isBlank());
            assertFalse(r.info().remediation().isBlank());
            assertFalse(r.info().references().isEmpty());
            assertTrue(r.info().name().matches("[A-Z][A-Za-z0-9]+"));
        }
    }
}
