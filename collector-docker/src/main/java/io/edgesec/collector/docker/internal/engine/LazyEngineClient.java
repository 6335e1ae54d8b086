package io.edgesec.collector.docker.internal.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Creates the engine client on first use. docker-java and Jackson are about a thousand classes
 * and tens of MiB on a small device: a host without a container engine (or before the engine
 * starts) should not pay for them, so while a {@code unix://} socket does not exist the client is
 * not built at all and the caller gets the same "unreachable" error it would get from the engine.
 */
public final class LazyEngineClient implements Supplier<EngineClient>, AutoCloseable {
    private final String host;
    private final Duration timeout;
    private EngineClient client;
    private boolean closed;

    public LazyEngineClient(String host, Duration timeout) {
        this.host = host;
        this.timeout = timeout;
    }

    @Override
    public synchronized EngineClient get() {
        if (closed) {
            throw new EngineException("the collector is stopping");
        }
        if (client == null) {
            if (host.startsWith("unix://") && !Files.exists(Path.of(host.substring("unix://".length())))) {
                throw new EngineException("no container engine socket at " + host.substring("unix://".length()));
            }
            client = new EngineClient(host, timeout);
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
