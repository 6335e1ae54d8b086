package io.edgesec.collector.audit.internal.source;

import io.edgesec.api.event.Severity;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import io.edgesec.support.Backoff;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads the auditd realtime stream from the af_unix plugin socket (plugins.d/af_unix.conf,
 * {@code format = string}): the same text lines as audit.log, plus EOE records, so events
 * complete without waiting. The plugin drops records while no client is connected, so every
 * disconnect is reported as possible loss; reconnects back off up to 30 s.
 */
public final class AudispSocketSource implements Runnable {
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final Path socketPath;
    private final AuditPipeline pipeline;
    private final StatusListener status;
    private final StopSignal stop = new StopSignal();
    private volatile SocketChannel channel;
    private volatile boolean connected;

    public AudispSocketSource(Path socketPath, AuditPipeline pipeline, StatusListener status) {
        this.socketPath = socketPath;
        this.pipeline = pipeline;
        this.status = status;
    }

    /** @return the wait before reconnect {@code attempt} (1 after the first failure): 0.5 s doubling to 30 s */
    static Duration reconnectWait(int attempt) {
        return Backoff.exponential(FIRST_RETRY, MAX_RETRY, attempt);
    }

    @Override
    public void run() {
        int attempt = 0; // reconnects since the last good connection: the back-off's step
        boolean reported = false;
        while (!stop.stopped()) {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socketPath));
                channel = ch;
                connected = true;
                if (reported) {
                    status.status(socketPath.toString(), "reconnected", Severity.INFORMATION, "connected to " + socketPath + " again");
                }
                reported = false;
                attempt = 0;
                read(ch);
                if (!stop.stopped()) {
                    status.status(socketPath.toString(), "disconnected", Severity.ERROR, "auditd closed " + socketPath
                            + "; records sent while disconnected are lost");
                    reported = true;
                }
            } catch (IOException e) {
                if (!stop.stopped() && !reported) {
                    status.status(socketPath.toString(), "unreachable", Severity.ERROR, "cannot read " + socketPath + ": " + e.getMessage()
                            + "; retrying (records sent meanwhile are lost)");
                    reported = true;
                }
            } catch (RuntimeException e) {
                status.status(socketPath.toString(), "failed", Severity.ERROR, "socket source error " + e + "; retrying");
                reported = true;
            } finally {
                connected = false;
                channel = null;
                pipeline.flushAll();
            }
            stop.pause(reconnectWait(++attempt).toMillis());
        }
    }

    private void read(SocketChannel ch) throws IOException {
        LineSplitter splitter = pipeline.splitter();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        // a blocking read cannot time out; a second thread would be needed for idle flushes.
        // EOE ends every multi-record event on this stream, so nothing waits for a timeout
        // except events whose EOE is lost; those go out with the next record's expiry rules.
        while (!stop.stopped()) {
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                splitter.finish();
                return;
            }
            splitter.feed(buf.array(), 0, n, -1);
        }
    }

    /** @return true while connected (tests) */
    public boolean isConnected() {
        return connected;
    }

    public void stop() {
        stop.stop(); // wakes a reconnect wait
        SocketChannel ch = channel;
        if (ch != null) {
            try {
                ch.close(); // unblocks the reader
            } catch (IOException e) {
                // closing; nothing else to do
            }
        }
    }
}
