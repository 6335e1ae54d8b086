package io.edgesec.collector.docker.internal.engine;

import com.github.dockerjava.transport.DockerHttpClient;
import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One open {@code GET /events} stream: JSON objects one per line (Docker and podman both write
 * a newline after each). {@link #close()} from another thread ends a blocked {@link #next()}.
 */
public final class EngineEventStream implements AutoCloseable {
    private final DockerHttpClient client;
    private final DockerHttpClient.Response response;
    private final BufferedReader reader;
    private volatile boolean closedByUs;

    EngineEventStream(DockerHttpClient client, DockerHttpClient.Response response) {
        this.client = client;
        this.response = response;
        this.reader = new BufferedReader(new InputStreamReader(response.getBody(), StandardCharsets.UTF_8));
    }

    /**
     * @return the next event, or null when the engine ended the stream
     * @throws JsonDocumentException for a line that is not a JSON object (the stream stays usable)
     */
    public Map<String, Object> next() throws IOException, JsonDocumentException {
        String line;
        do {
            line = reader.readLine();
            if (line == null) {
                return null;
            }
            line = line.strip();
        } while (line.isEmpty());
        return JsonDocuments.object(line);
    }

    /** @return true once {@link #close()} was called (so a failed read is not an engine loss) */
    public boolean isClosedByUs() {
        return closedByUs;
    }

    @Override
    public void close() {
        closedByUs = true;
        try {
            response.close();
        } catch (RuntimeException e) {
            // already broken
        }
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // already broken
        }
    }
}
