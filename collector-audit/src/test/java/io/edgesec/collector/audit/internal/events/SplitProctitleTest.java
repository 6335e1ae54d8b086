package io.edgesec.collector.audit.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ExecveArgs#splitProctitle} against the loop it had before (audit-c2) as a model. */
class SplitProctitleTest {

    /** The split as it was: one loop to length inclusive, the end treated as one more NUL. */
    private static List<String> model(byte[] title) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= title.length; i++) {
            if (i == title.length || title[i] == 0) {
                if (i > start || i < title.length) {
                    out.add(new String(title, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return out;
    }

    @Test
    void edgeCases() {
        for (String s : new String[] {"", "\0", "\0\0", "a", "a\0", "\0a", "a\0b", "a\0\0b\0", "ls\0-l\0/tmp"}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(model(b), ExecveArgs.splitProctitle(b), s.replace("\0", "\\0"));
        }
        assertEquals(List.of("ls", "-l", "/tmp"), ExecveArgs.splitProctitle("ls\0-l\0/tmp".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("a", ""), ExecveArgs.splitProctitle("a\0\0".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void randomTitlesSplitAsBefore() {
        SplittableRandom random = new SplittableRandom(13);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[random.nextInt(0, 130)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(4) == 0 ? 0 : (byte) random.nextInt(1, 256);
            }
            assertEquals(model(b), ExecveArgs.splitProctitle(b));
        }
    }
}
