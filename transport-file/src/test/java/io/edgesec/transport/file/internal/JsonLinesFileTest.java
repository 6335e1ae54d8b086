package io.edgesec.transport.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonDocuments;
import io.edgesec.support.json.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFileTest {
    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> lines(Path p) throws IOException {
        String text = Files.readString(p);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "the file ends with a whole line");
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
    }

    @Test
    void appendsWholeLinesAndCreatesParents() throws Exception {
        Path p = dir.resolve("a/b/messages.jsonl");
        try (JsonLinesFile f = JsonLinesFile.toFile(p, false)) {
            f.append(utf8("{\"n\":1}"));
            f.append(utf8("{\"n\":\"\u00e9\u20ac\uD83D\uDE00\"}"));
        }
        assertEquals(List.of("{\"n\":1}", "{\"n\":\"\u00e9\u20ac\uD83D\uDE00\"}"), lines(p));
        // a new writer appends after what is there
        try (JsonLinesFile f = JsonLinesFile.toFile(p, true)) {
            f.append(utf8("{\"n\":3}"));
        }
        assertEquals(3, lines(p).size());
    }

    @Test
    void appendAfterCloseReopens() throws Exception {
        Path p = dir.resolve("m.jsonl");
        JsonLinesFile f = JsonLinesFile.toFile(p, false);
        f.append(utf8("1"));
        f.close();
        f.append(utf8("2"));
        f.close();
        assertEquals(List.of("1", "2"), lines(p));
    }

    @Test
    void concurrentSendsNeverInterleaveInsideALine() throws Exception {
        Path p = dir.resolve("concurrent.jsonl");
        JsonLinesFile f = JsonLinesFile.toFile(p, false);
        int threads = 8;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                // sizes from tiny to well over a page, so writes are not atomic by accident
                String pad = String.valueOf((char) ('a' + id)).repeat((i * 997 + id * 131) % 40_000);
                mine.add(JsonText.write(Map.of("t", id, "i", i, "pad", pad, "u", "\u00e9\u20ac")));
            }
            expected.addAll(mine);
            futures.add(pool.submit(() -> {
                go.await();
                for (String line : mine) {
                    f.append(utf8(line));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> fu : futures) {
            fu.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        f.close();
        List<String> written = lines(p);
        assertEquals(threads * perThread, written.size());
        for (String line : written) {
            Map<?, ?> m = (Map<?, ?>) JsonDocuments.documents().read(line);
            String pad = (String) m.get("pad");
            for (int i = 0; i < pad.length(); i++) {
                assertEquals(pad.charAt(0), pad.charAt(i), "another thread's bytes inside a line");
            }
        }
        assertEquals(expected, new HashSet<>(written));
    }

    @Test
    void twoWritersOnTheSameFileFromTwoProcessesStyleChannels() throws Exception {
        // a second, independent writer (another agent, logrotate copytruncate): lines stay whole
        Path p = dir.resolve("shared.jsonl");
        JsonLinesFile a = JsonLinesFile.toFile(p, false);
        a.append(utf8("a1"));
        try (FileChannel other = FileChannel.open(p, StandardOpenOption.WRITE)) {
            other.truncate(0); // copytruncate
        }
        a.append(utf8("a2"));
        a.close();
        assertEquals(List.of("a2"), lines(p), "written at the new end, no hole of zero bytes");
    }

    @Test
    void rotationByRenameReopens() throws Exception {
        Path p = dir.resolve("m.jsonl");
        JsonLinesFile f = JsonLinesFile.toFile(p, false);
        f.append(utf8("before"));
        Path rotated = dir.resolve("m.jsonl.1");
        Files.move(p, rotated);
        f.append(utf8("after"));
        f.close();
        assertEquals(List.of("before"), lines(rotated));
        assertEquals(List.of("after"), lines(p));
    }

    @Test
    void rotationWithANewFileCreatedInPlaceReopens() throws Exception {
        Path p = dir.resolve("m.jsonl");
        JsonLinesFile f = JsonLinesFile.toFile(p, false);
        f.append(utf8("before"));
        Path rotated = dir.resolve("m.jsonl.1");
        Files.move(p, rotated);
        Files.createFile(p); // logrotate "create"
        f.append(utf8("after"));
        f.close();
        assertEquals(List.of("before"), lines(rotated), "nothing more written to the rotated file");
        assertEquals(List.of("after"), lines(p));
    }

    @Test
    void deletedFileIsRecreated() throws Exception {
        Path p = dir.resolve("m.jsonl");
        JsonLinesFile f = JsonLinesFile.toFile(p, false);
        f.append(utf8("1"));
        Files.delete(p);
        f.append(utf8("2"));
        f.close();
        assertEquals(List.of("2"), lines(p));
    }

    @Test
    void aFailedWriteLeavesNoPartialLine() throws Exception {
        Path p = dir.resolve("m.jsonl");
        List<FailingChannel> opened = new ArrayList<>();
        JsonLinesFile f = JsonLinesFile.toFile(p, false, path -> {
            FailingChannel c = new FailingChannel(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
            opened.add(c);
            return c;
        });
        f.append(utf8("{\"n\":1}"));
        byte[] before = Files.readAllBytes(p);
        opened.get(0).failAfter = 5; // disk full after 5 bytes of the next line
        IOException e = assertThrows(IOException.class, () -> f.append(utf8("{\"n\":2,\"long\":\"" + "x".repeat(5000) + "\"}")));
        assertTrue(e.getMessage().contains("No space"));
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(p), "truncated back to the last whole line");
        opened.get(0).failAfter = 0; // fails before writing anything
        assertThrows(IOException.class, () -> f.append(utf8("{\"n\":3}")));
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(p));
        opened.get(0).failAfter = -1; // space again
        f.append(utf8("{\"n\":4}"));
        f.close();
        assertEquals(List.of("{\"n\":1}", "{\"n\":4}"), lines(p));
    }

    @Test
    void aDirectoryInTheWayFailsWithoutChangingAnything() throws Exception {
        Path p = dir.resolve("isadir");
        Files.createDirectory(p);
        Files.writeString(p.resolve("inside"), "keep");
        JsonLinesFile f = JsonLinesFile.toFile(p, false);
        assertThrows(IOException.class, () -> f.append(utf8("{}")));
        assertTrue(Files.isDirectory(p));
        assertEquals("keep", Files.readString(p.resolve("inside")));
        // a parent that is a file
        Path file = dir.resolve("plain");
        Files.writeString(file, "x\n");
        JsonLinesFile g = JsonLinesFile.toFile(file.resolve("child.jsonl"), false);
        assertThrows(IOException.class, () -> g.append(utf8("{}")));
        assertEquals("x\n", Files.readString(file));
    }

    @Test
    void anInterruptDoesNotBreakTheWriterForGood() throws Exception {
        Path p = dir.resolve("m.jsonl");
        JsonLinesFile f = JsonLinesFile.toFile(p, false);
        f.append(utf8("1"));
        Thread.currentThread().interrupt();
        try {
            assertThrows(IOException.class, () -> f.append(utf8("2")));
        } finally {
            Thread.interrupted();
        }
        f.append(utf8("3"));
        f.close();
        assertEquals(List.of("1", "3"), lines(p));
    }

    @Test
    void streamModeWritesLines() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLinesFile f = JsonLinesFile.toStream(out);
        f.append(utf8("{\"a\":1}"));
        f.append(utf8("{\"b\":\"\u00e9\"}"));
        f.close();
        assertEquals("{\"a\":1}\n{\"b\":\"\u00e9\"}\n", out.toString(StandardCharsets.UTF_8));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("\r"));
    }

    @Test
    void aLockHeldByAnotherProcessFailsTheAppendAfterTheWaitInsteadOfBlocking() throws Exception {
        Path file = dir.resolve("out.jsonl");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(LockHolder.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process holder = new ProcessBuilder(javaBin, "-cp", classes, LockHolder.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        try (JsonLinesFile out = JsonLinesFile.toFile(file, false, p -> FileChannel.open(p, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), java.time.Duration.ofMillis(300))) {
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", r.readLine(), "the other process holds the lock");
            IOException e = assertThrows(IOException.class, () -> out.append(utf8("{\"a\":1}")));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("lock"), e.getMessage());
            assertEquals(List.of(), lines(file), "nothing written while another writer held the file");

            holder.getOutputStream().close(); // the other writer lets go
            assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
            out.append(utf8("{\"a\":2}"));
            assertEquals(List.of("{\"a\":2}"), lines(file));
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aFileThatIsNotRegularIsWrittenWithoutALock() throws Exception {
        try (JsonLinesFile out = JsonLinesFile.toFile(Path.of("/dev/null"), false)) {
            out.append(utf8("{\"a\":1}"));
        }
    }
}
