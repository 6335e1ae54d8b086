package io.edgesec.collector.docker.internal.testing;

import io.edgesec.support.json.JsonDocuments;
import io.edgesec.collector.docker.internal.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Canned {@code docker inspect} output under src/test/resources/inspect (taken from real engines). */
public final class Fixtures {
    private Fixtures() {
    }

    public static Map<String, Object> inspect(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/inspect/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            Object parsed = JsonDocuments.documents().read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return JsonValues.map(JsonValues.list(parsed).get(0));
        } catch (IOException | io.edgesec.support.json.JsonDocumentException e) {
            throw new IllegalStateException(e);
        }
    }
}
