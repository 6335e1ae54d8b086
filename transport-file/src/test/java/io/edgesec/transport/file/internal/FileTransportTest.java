package io.edgesec.transport.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.SecurityMessage;
import io.edgesec.support.json.JsonDocuments;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTransportTest {
    @TempDir
    Path dir;

    private static FileTransportConfig config(String path, boolean fsync) {
        return new FileTransportConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FileTransportConfig.class;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public boolean fsync() {
                return fsync;
            }
        };
    }

    @Test
    void oneMessagePerLineExactlyItsJson() throws Exception {
        Path p = dir.resolve("out/messages.jsonl");
        FileTransport t = new FileTransport(config(p.toString(), true));
        SecurityEvent e1 = SecurityEvent.builder("ProcessCreate").payload(Map.of("CommandLine", "echo \"hi\"\nthere \u00e9")).build();
        SecurityEvent e2 = SecurityEvent.builder("Login").payload(Map.of("UserName", "root")).build();
        SecurityMessage m1 = new SecurityMessage("0.1.0", "9c647395-b913-4997-a732-a7fe7303b649", List.of(e1, e2), Priority.HIGH);
        SecurityMessage m2 = new SecurityMessage("0.1.0", "9c647395-b913-4997-a732-a7fe7303b649", List.of(e2), Priority.LOW);
        t.send(m1);
        t.send(m2);
        t.deactivate();
        List<String> lines = Files.readAllLines(p);
        assertEquals(List.of(m1.toJson(), m2.toJson()), lines);
        assertEquals(m1.toUtf8().length + 1 + m2.toUtf8().length + 1, Files.size(p));
        assertEquals(2, ((List<?>) ((Map<?, ?>) JsonDocuments.documents().read(lines.get(0))).get("Events")).size());
    }
}
