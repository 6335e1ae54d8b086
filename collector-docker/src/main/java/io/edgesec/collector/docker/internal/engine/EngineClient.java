package io.edgesec.collector.docker.internal.engine;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import io.edgesec.collector.docker.internal.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The container engine (Docker Engine or podman's Docker-compatible API) over docker-java's
 * zerodep transport alone. Inspect data, the container list and the event stream are read as the
 * engine's own JSON, so that every field the engine reports (including ones docker-java's typed
 * model drops, and podman's additions) reaches the inventory and the manifest rebuild exactly as
 * {@code docker inspect} shows it. docker-java's typed client is therefore not used: it would
 * bring docker-java-core/api, Jackson, Guava and four commons jars for nothing the collector reads.
 */
public final class EngineClient implements AutoCloseable {
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final URI host;
    private final DockerHttpClient http;

    /** @param dockerHost {@code unix:///path} or {@code tcp://host:port} (plain HTTP: no TLS is offered) */
    public EngineClient(String dockerHost, Duration requestTimeout) {
        this.host = engineUri(dockerHost);
        this.http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(host)
                .connectionTimeout(requestTimeout)
                .responseTimeout(requestTimeout)
                .maxConnections(8)
                .build();
    }

    /** The schemes the zerodep transport speaks; anything else is a configuration mistake. */
    private static URI engineUri(String dockerHost) {
        URI uri = URI.create(dockerHost);
        if (!"unix".equals(uri.getScheme()) && !"tcp".equals(uri.getScheme())) {
            throw new IllegalArgumentException("unsupported container engine address " + dockerHost
                    + " (unix:// or tcp://)");
        }
        return uri;
    }

    public URI host() {
        return host;
    }

    /** @return the ids of every container, running or not */
    public List<String> containerIds() {
        Object list = getJsonValue("/containers/json?all=1");
        List<String> ids = new ArrayList<>();
        for (Object c : JsonValues.list(list)) {
            String id = JsonValues.stringAt(c, "Id");
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** @return the engine's inspect JSON of the container, or null if it no longer exists */
    public Map<String, Object> inspectContainer(String id) {
        return getJsonOrNull("/containers/" + encode(id) + "/json");
    }

    /** @return the engine's inspect JSON of the image, or null if it no longer exists */
    public Map<String, Object> inspectImage(String id) {
        return getJsonOrNull("/images/" + encode(id) + "/json");
    }

    /**
     * Opens the event stream from {@code sinceSeconds} (epoch seconds; the engine replays the
     * events it still holds from then on) on its own connection with no response timeout.
     */
    public EngineEventStream openEvents(long sinceSeconds) throws IOException {
        DockerHttpClient streamClient = new ZerodepDockerHttpClient.Builder()
                .dockerHost(host)
                .connectionTimeout(Duration.ofSeconds(10))
                .maxConnections(1)
                .build();
        try {
            DockerHttpClient.Response response = streamClient.execute(DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.GET)
                    .path("/events?since=" + sinceSeconds)
                    .build());
            if (response.getStatusCode() != 200) {
                String body = readBody(response.getBody());
                response.close();
                throw new IOException("events request failed: HTTP " + response.getStatusCode() + " " + body);
            }
            return new EngineEventStream(streamClient, response);
        } catch (IOException | RuntimeException e) {
            streamClient.close();
            throw e;
        }
    }

    private Object getJsonValue(String path) {
        try (DockerHttpClient.Response r = get(path)) {
            String body = readBody(r.getBody());
            if (r.getStatusCode() != 200) {
                throw new EngineException("GET " + path + ": HTTP " + r.getStatusCode() + " " + body.strip());
            }
            return JsonDocuments.documents().read(body);
        } catch (IOException | JsonDocumentException e) {
            throw new EngineException("GET " + path + ": " + e.getMessage(), e);
        }
    }

    private Map<String, Object> getJsonOrNull(String path) {
        try (DockerHttpClient.Response r = get(path)) {
            String body = readBody(r.getBody());
            if (r.getStatusCode() == 404) {
                return null;
            }
            if (r.getStatusCode() != 200) {
                throw new EngineException("GET " + path + ": HTTP " + r.getStatusCode() + " " + body.strip());
            }
            return JsonDocuments.object(body);
        } catch (IOException | JsonDocumentException e) {
            throw new EngineException("GET " + path + ": " + e.getMessage(), e);
        }
    }

    private DockerHttpClient.Response get(String path) {
        return http.execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(path)
                .build());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String readBody(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > MAX_BODY) {
                throw new IOException("engine response larger than " + MAX_BODY + " bytes");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException | RuntimeException e) {
            // closing a dead connection: nothing left to release
        }
    }
}
