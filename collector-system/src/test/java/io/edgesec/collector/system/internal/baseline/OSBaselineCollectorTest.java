package io.edgesec.collector.system.internal.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.system.internal.testing.FixtureRoot;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OSBaselineCollectorTest {
    @TempDir
    Path dir;

    static OSBaselineConfig config(Path root, boolean includePassed) {
        return new OSBaselineConfig() {
            public Class<? extends Annotation> annotationType() {
                return OSBaselineConfig.class;
            }

            public String hostRoot() {
                return root.toString();
            }

            public String edgesec_collector_period() {
                return "";
            }

            public boolean includePassed() {
                return includePassed;
            }

            public boolean recommendations() {
                return true;
            }

            public boolean baselineCustomChecksEnabled() {
                return false;
            }

            public String baselineCustomChecksFilePath() {
                return "";
            }

            public String baselineCustomChecksFileHash() {
                return "";
            }
        };
    }

    static final String CUSTOM = "{\"checks\":[{\"msid\":\"EDGESEC-BL-100\",\"cceid\":\"\",\"severity\":\"Important\","
            + "\"description\":\"The edge agent's config is private\",\"type\":\"fileStats\",\"path\":\"/etc/aziot/config.toml\",\"mode\":\"600\"},"
            + "{\"msid\":\"EDGESEC-BL-101\",\"severity\":\"Warning\",\"description\":\"no nmap\",\"type\":\"packageNotInstalled\",\"name\":\"postfix\"}]}";

    @Test
    void failuresAndIoTBaselineOnceThenOnlyOnChange() throws Exception {
        FixtureRoot f = FixtureRoot.debianDevice(dir);
        OSBaselineCollector c = new OSBaselineCollector(config(dir, false), () -> new OSBaselineCollector.CustomCheckSettings(false, "", ""));
        List<SecurityEvent> first = c.collect();
        assertEquals(EventNames.OS_BASELINE, first.get(0).name());
        assertEquals(29, first.get(0).payload().size(), "28 Fail + 1 Err, passes left out as Azure did");
        assertEquals(2, first.size());
        SecurityEvent rec = first.get(1);
        assertEquals(EventNames.RECOMMENDATION, rec.name());
        assertEquals("IoT_Baseline", rec.payload().get(0).get("RecommendationType"));
        assertTrue(rec.toJson().contains("\\\"Msid\\\":\\\"109\\\""), rec.toJson());
        assertEquals(1, c.collect().size(), "the same failures: not raised again");
        f.file("/etc/anacrontab", "x\n", "600");
        List<SecurityEvent> third = c.collect();
        assertEquals(2, third.size(), "a failure fixed: the finding changed");
        assertEquals("27", ((java.util.Map<?, ?>) third.get(1).payload().get(0).get("RecommendationAdditionalData")).get("FailedCount"));
    }

    @Test
    void customChecksRunOnlyWithTheRightHash() throws Exception {
        FixtureRoot.debianDevice(dir).file("/etc/edgesec/custom.json", CUSTOM);
        String good = CustomChecks.sha256(CUSTOM.getBytes(StandardCharsets.UTF_8));
        AtomicReference<OSBaselineCollector.CustomCheckSettings> settings =
                new AtomicReference<>(new OSBaselineCollector.CustomCheckSettings(true, "/etc/edgesec/custom.json", good.toUpperCase()));
        OSBaselineCollector c = new OSBaselineCollector(config(dir, true), settings::get);
        List<SecurityEvent> ok = c.collect();
        assertEquals(90, ok.get(0).payload().size(), "88 built-in + 2 custom, passes included");
        assertTrue(ok.get(0).payload().stream().anyMatch(p -> "Fail".equals(p.get("Result"))
                && ((java.util.Map<?, ?>) p.get("ExtraDetails")).get("Msid").equals("EDGESEC-BL-101")
                && "Package 'postfix' is installed".equals(p.get("Error"))));
        settings.set(new OSBaselineCollector.CustomCheckSettings(true, "/etc/edgesec/custom.json", "0".repeat(64)));
        List<SecurityEvent> refused = c.collect();
        assertEquals(88, refused.get(0).payload().size(), "built-in checks still run");
        SecurityEvent status = refused.stream().filter(e -> e.name().equals(EventNames.COLLECTOR_STATUS)).findFirst().orElseThrow();
        assertTrue(status.toJson().contains("refused: its SHA-256 is not the twin's " + "0".repeat(64)), status.toJson());
        assertFalse(status.toJson().contains(good), "the file's own digest is not disclosed: " + status.toJson());
        settings.set(new OSBaselineCollector.CustomCheckSettings(true, "/etc/edgesec/custom.json", "not-a-hash"));
        assertTrue(c.collect().stream().anyMatch(e -> e.toJson().contains("is not a SHA-256 in hex")));
        Files.writeString(dir.resolve("etc/edgesec/custom.json"), CUSTOM + " ");
        settings.set(new OSBaselineCollector.CustomCheckSettings(true, "/etc/edgesec/custom.json", good));
        assertTrue(c.collect().stream().anyMatch(e -> e.toJson().contains("refused: its SHA-256 is")), "a changed file is refused");
        Path fifo = dir.resolve("etc/edgesec/fifo.json");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        settings.set(new OSBaselineCollector.CustomCheckSettings(true, "/etc/edgesec/fifo.json", good));
        assertTrue(c.collect().stream().anyMatch(e -> e.toJson().contains("is not a regular file")),
                "a FIFO is refused without being opened (an open would block the collector)");
    }
}
