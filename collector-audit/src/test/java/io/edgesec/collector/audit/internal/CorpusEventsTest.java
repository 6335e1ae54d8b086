package io.edgesec.collector.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgesec.collector.audit.internal.events.EventKind;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import io.edgesec.support.UserNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden events: what the pipeline makes of every file of ../shared/corpus/audit (every event
 * kind on; name, timestamp and payload of each security event, and the pipeline's summary per
 * file) is exactly what {@code corpus-events.txt} holds, written by the pipeline of 379f4d4
 * before the audit pipeline's speed-up. A change of behaviour shows here as a diff; the actual
 * text is left in {@code target/corpus-events.actual.txt}. When a change is meant, replace the
 * file with that one and say why in the commit.
 */
class CorpusEventsTest {
    @Test
    void theCorpusMapsToTheGoldenEvents() throws IOException {
        StringBuilder out = new StringBuilder();
        for (Path f : Corpus.files()) {
            List<String> lines = Corpus.recordLines(f);
            out.append("# ").append(f.getFileName()).append('\n');
            AuditPipeline p = new AuditPipeline(f.getFileName().toString(), EnumSet.allOf(EventKind.class), UserNames.NONE,
                    e -> out.append(e.name()).append(' ').append(e.timestamp()).append(' ').append(e.payload()).append('\n'),
                    2000);
            long offset = 0;
            long lineNo = 0;
            for (String l : lines) {
                byte[] b = l.getBytes(StandardCharsets.UTF_8);
                p.line(b, 0, b.length, offset, ++lineNo);
                p.endOfChunk();
                offset += b.length + 1;
            }
            p.finish();
            out.append("# ").append(p.summary()).append('\n');
        }
        String golden;
        try (InputStream in = getClass().getResourceAsStream("corpus-events.txt")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!golden.equals(out.toString())) {
            Files.writeString(Path.of("target", "corpus-events.actual.txt"), out);
        }
        assertEquals(golden, out.toString());
    }
}
