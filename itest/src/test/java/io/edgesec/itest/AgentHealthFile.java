package io.edgesec.itest;

import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The running agent's own counters, as its health file ({@code <data dir>/health.json}, written
 * every 10 s, replaced atomically) has them: a test waits for them ("the ListeningPorts snapshot
 * is queued") instead of sleeping a guessed time.
 */
public final class AgentHealthFile {
    private AgentHealthFile() {
    }

    /** Polls until the health file satisfies {@code condition}; @return that document. */
    public static Map<String, Object> await(Path dataDir, String what, Predicate<Map<String, Object>> condition) throws Exception {
        Path file = dataDir.resolve("health.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<String, Object> last = null;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                try {
                    last = JsonDocuments.object(Files.readString(file));
                } catch (JsonDocumentException | IOException e) {
                    throw new AssertionError("the health file is not readable JSON (it is replaced atomically): " + e, e);
                }
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the health file did not say within 120 s that " + what + ": " + last);
    }

    /** @return the collector's count of events accepted into the queues (0 before it is known) */
    public static long accepted(Map<String, Object> health, String collector) {
        return number(health, "collectors", collector, "accepted");
    }

    /** @return when the collector last succeeded (a periodic collector's call returned), or null */
    @SuppressWarnings("unchecked")
    public static String lastSuccess(Map<String, Object> health, String collector) {
        Object cs = health.get("collectors");
        Object c = cs instanceof Map ? ((Map<String, Object>) cs).get(collector) : null;
        Object t = c instanceof Map ? ((Map<String, Object>) c).get("lastSuccess") : null;
        return t == null ? null : t.toString();
    }

    /** @return messages the transport took */
    public static long messagesSent(Map<String, Object> health) {
        return number(health, "sending", "messagesSent");
    }

    @SuppressWarnings("unchecked")
    private static long number(Map<String, Object> doc, String... keys) {
        Object o = doc;
        for (String k : keys) {
            if (!(o instanceof Map)) {
                return 0;
            }
            o = ((Map<String, Object>) o).get(k);
        }
        return o instanceof Number n ? n.longValue() : 0;
    }
}
