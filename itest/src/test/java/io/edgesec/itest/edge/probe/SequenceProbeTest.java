package io.edgesec.itest.edge.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.event.SecurityEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe's account, which the no-loss checks of the edge tests and bench/hotswap.sh read. */
class SequenceProbeTest {
    @TempDir
    Path tmp;

    @Test
    void lastNumberOfNoLogIsZero() throws Exception {
        assertEquals(0, SequenceProbe.lastNumber(tmp.resolve("none.log")));
    }

    @Test
    void lastNumberReadsTheEndOfALongLogAndSkipsTheCutLines() throws Exception {
        StringBuilder log = new StringBuilder();
        long seq = 0;
        for (int open = 0; log.length() < 5 * SequenceProbe.TAIL_BYTES; open++) {
            log.append("O ").append(seq + 1).append('\n');
            for (int i = 0; i < 500; i++) {
                seq++;
                log.append("I ").append(seq).append(" 0123456789abcdef0123456789abcdef\nA ").append(seq).append('\n');
            }
            log.append("C\n");
        }
        Path file = tmp.resolve("long.log");
        Files.writeString(file, log, StandardCharsets.US_ASCII);
        assertEquals(seq, SequenceProbe.lastNumber(file));
        // killed while writing the next I line: the numbers before it count
        Files.writeString(file, log + "I " + (seq + 1) + " 0123", StandardCharsets.US_ASCII);
        assertEquals(seq + 1, SequenceProbe.lastNumber(file));
        Files.writeString(file, log + "I 1", StandardCharsets.US_ASCII); // cut inside its number
        assertEquals(seq, SequenceProbe.lastNumber(file));
        // opened and closed with nothing sent: O names the next number
        Files.writeString(file, log + "O " + (seq + 1) + "\nC\n", StandardCharsets.US_ASCII);
        assertEquals(seq, SequenceProbe.lastNumber(file));
    }

    @Test
    void numbersContinueAcrossOpensAndEveryAcceptedOneIsWrittenDown() throws Exception {
        Path file = tmp.resolve("probe.log");
        List<Long> submitted = new CopyOnWriteArrayList<>();
        EventSink sink = new EventSink() {
            @Override
            public boolean submit(SecurityEvent event) {
                submitted.add(((Number) event.payload().get(0).get("Seq")).longValue());
                return true;
            }
        };
        for (int run = 0; run < 3; run++) {
            SequenceProbe probe = new SequenceProbe(file, 1, "probe", "1.0." + run);
            probe.open(sink);
            long until = System.nanoTime() + 2_000_000_000L;
            int before = submitted.size();
            while (submitted.size() < before + 5 && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            probe.close(); // takes the lock a submit holds: no submit goes on after it
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        List<Long> accepted = lines.stream().filter(l -> l.startsWith("A ")).map(l -> Long.parseLong(l.substring(2))).toList();
        assertTrue(submitted.size() >= 15, "submitted " + submitted);
        assertEquals(submitted, accepted);
        for (int i = 0; i < submitted.size(); i++) {
            assertEquals(i + 1, submitted.get(i), "numbers continue across opens, without a hole: " + submitted);
        }
        assertEquals(submitted.get(submitted.size() - 1), SequenceProbe.lastNumber(file));
    }
}
