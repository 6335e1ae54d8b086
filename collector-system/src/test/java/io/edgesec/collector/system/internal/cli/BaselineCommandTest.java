package io.edgesec.collector.system.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonDocuments;
import io.edgesec.collector.system.internal.testing.FixtureRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BaselineCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHasOneObjectPerApplicableCheckPassedIncluded() throws Exception {
        FixtureRoot.debianDevice(dir);
        Run r = run("--root", dir.toString(), "--format", "json");
        assertEquals(1, r.code(), r.err());
        List<Object> items = (List<Object>) JsonDocuments.documents().read(r.out());
        assertEquals(88, items.size());
        Map<String, Object> first = (Map<String, Object>) items.get(0);
        assertEquals(List.of("Msid", "Description", "CceId", "Result", "Error", "Severity", "Origin"), List.copyOf(first.keySet()));
        assertTrue(items.stream().anyMatch(o -> "109".equals(((Map<?, ?>) o).get("Msid")) && "Fail".equals(((Map<?, ?>) o).get("Result"))));
        assertTrue(items.stream().anyMatch(o -> "Pass".equals(((Map<?, ?>) o).get("Result"))));
    }

    @Test
    void textSummaryAndExitCodes() throws Exception {
        FixtureRoot.debianDevice(dir);
        Run r = run("--root", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("59 passed, 28 failed, 1 errors, 2 not applicable"), r.out());
        Path checks = dir.resolve("mine.json");
        Files.writeString(checks, "{\"checks\":[{\"msid\":\"EDGESEC-BL-001\",\"severity\":\"Warning\",\"description\":\"group is 644\","
                + "\"type\":\"fileStats\",\"path\":\"/etc/group\",\"mode\":\"644\"}]}");
        Run ok = run("--root", dir.toString(), "--checks", checks.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("1 passed, 0 failed, 0 errors"), ok.out());
    }

    @Test
    void unreadableInputIsExit2WithAClearLine() throws Exception {
        Run noRoot = run("--root", dir.resolve("nope").toString());
        assertEquals(2, noRoot.code());
        assertEquals("edgesec baseline: --root " + dir.resolve("nope") + " is not a directory\n", noRoot.err());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"checks\":[{\"msid\":\"X\",\"severity\":\"Warning\",\"description\":\"d\",\"type\":\"teleport\"}]}");
        Run badType = run("--checks", bad.toString());
        assertEquals(2, badType.code());
        assertTrue(badType.err().contains("check 0 (msid X): unknown type 'teleport'"), badType.err());
        Files.writeString(bad, "{\"checks\":[{\"msid\":\"X\",\"severity\":\"Warning\",\"description\":\"d\",\"type\":\"matchingLines\",\"path\":\"/a\",\"regex\":\"(\"}]}");
        Run badRegex = run("--checks", bad.toString());
        assertEquals(2, badRegex.code());
        assertTrue(badRegex.err().contains("regex is not a regular expression"), badRegex.err());
        Files.writeString(bad, "{\"checks\": [");
        assertEquals(2, run("--checks", bad.toString()).code());
        assertEquals(2, run("--checks", dir.resolve("missing.json").toString()).code());
        assertEquals(2, run("--format", "xml").code());
        assertEquals(2, run("--bogus").code());
        Run help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("usage: edgesec baseline"));
    }

    @Test
    void liveHostRuns() {
        Run r = run("--format", "json");
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
        assertTrue(r.out().startsWith("[{\"Msid\""), r.out());
    }
}
