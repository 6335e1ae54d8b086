package io.edgesec.transport.edgehub.internal;

import io.edgesec.support.Backoff;
import io.edgesec.support.Errors;
import com.microsoft.azure.sdk.iot.device.ConnectionStatusChangeContext;
import com.microsoft.azure.sdk.iot.device.InternalClient;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.transport.IotHubConnectionStatus;
import com.microsoft.azure.sdk.iot.device.transport.NoRetry;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection to the hub, kept up by its own thread: connect, subscribe to desired
 * properties, read the twin; when the connection drops, close the client and connect again
 * with exponential back-off (with jitter) between the configured bounds. The SDK's own retry
 * is switched off so that reconnection follows these bounds and a new client (with a fresh
 * token and trust bundle from the workload API) is made each time.
 *
 * <p>{@link #send} fails at once while disconnected, and otherwise waits for the hub's
 * acknowledgement: the caller keeps the message's events queued unless it returns.
 */
final class HubConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HubConnection.class.getName());
    static final long TWIN_TIMEOUT_MS = 10_000;

    /** What the twin bridge hears; called on the connection thread or the SDK's callback thread. */
    interface Listener {
        /** After every (re)connection and every {@link #refreshTwin}, with the full desired properties (without $ metadata). */
        void connected(Map<String, Object> desired, Integer version);

        /** A desired-properties patch (JSON merge patch semantics: null removes). */
        void desiredPatch(Map<String, Object> patch, Integer version);

        /** A desired-properties patch that could not be read; {@code where} names the problem and its place. */
        void unparseablePatch(Integer version, String where);
    }

    private final HubClientSource source;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    /** Replaced by {@link #operationTimeout(Duration)} (a configuration change that keeps the connection). */
    private volatile Duration operationTimeout;
    private final boolean twinEnabled;
    private final Listener listener;
    private final Object lock = new Object();
    private InternalClient client;
    private boolean connected;
    private boolean reconnect = true;
    private boolean twinPending;
    /** how many times the twin was asked for again ({@link #refreshTwin}): a read settles only those made before it */
    private final java.util.concurrent.atomic.AtomicLong twinRequests = new java.util.concurrent.atomic.AtomicLong();
    private String lastError = "not connected yet";
    private volatile boolean running = true;
    /** Longest {@link #close} waits for the connection thread, and then for the client's close. */
    static final long CLOSE_WAIT_MS = 1000;
    private Thread thread;
    private long connections;

    HubConnection(HubClientSource source, Duration minBackoff, Duration maxBackoff, Duration operationTimeout,
            boolean twinEnabled, Listener listener) {
        this.source = source;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff.compareTo(minBackoff) < 0 ? minBackoff : maxBackoff;
        this.operationTimeout = operationTimeout;
        this.twinEnabled = twinEnabled;
        this.listener = listener;
    }

    void operationTimeout(Duration timeout) {
        operationTimeout = timeout;
    }

    void start() {
        thread = new Thread(this::run, "edgesec-edgehub");
        thread.setDaemon(true);
        thread.start();
    }

    boolean isConnected() {
        synchronized (lock) {
            return connected;
        }
    }

    /** @return how many times a connection was established */
    long connections() {
        synchronized (lock) {
            return connections;
        }
    }

    private void run() {
        int failures = 0;
        while (running) {
            boolean needTwin;
            synchronized (lock) {
                while (running && !reconnect && !twinPending) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                needTwin = !reconnect && twinPending;
            }
            try {
                if (needTwin) {
                    readTwin(currentClient());
                } else {
                    closeClient();
                    connectOnce();
                }
                failures = 0;
            } catch (Exception | LinkageError e) {
                if (!running) {
                    return; // closing: the interrupt is ours
                }
                failures++;
                long wait = backoffMillis(failures);
                String why = describe(e);
                synchronized (lock) {
                    lastError = why;
                }
                LOG.warning((needTwin ? "reading the module twin" : "connecting to the hub (" + source.describe() + ")")
                        + " failed (attempt " + failures + "): " + why + "; retrying in " + wait + " ms");
                if (!sleep(wait)) {
                    return;
                }
            }
        }
    }

    private long backoffMillis(int failures) {
        long min = Math.max(1, minBackoff.toMillis());
        long max = Math.max(min, maxBackoff.toMillis());
        long capped = Backoff.exponential(Duration.ofMillis(min), Duration.ofMillis(max), failures).toMillis();
        // full jitter in the upper half, so that many agents do not reconnect in step
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private boolean sleep(long ms) {
        synchronized (lock) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
            while (running) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    return true;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return false;
        }
    }

    private void connectOnce() throws Exception {
        InternalClient c = source.create();
        c.setRetryPolicy(new NoRetry());
        c.setConnectionStatusChangeCallback(ctx -> onStatus(c, ctx), null);
        try {
            c.open(false);
        } catch (Exception | LinkageError e) {
            closeQuietly(c);
            throw e;
        }
        synchronized (lock) {
            if (!running) {
                closeQuietly(c);
                return;
            }
            client = c;
            connected = true;
            reconnect = false;
            twinPending = twinEnabled;
            connections++;
            lastError = "";
            lock.notifyAll();
        }
        LOG.info("connected to the hub: " + source.describe());
        if (twinEnabled) {
            readTwin(c);
        }
    }

    /** Reads the whole twin again, on the connection thread (the bridge: a patch skipped versions, or a read was older). */
    void refreshTwin() {
        synchronized (lock) {
            twinRequests.incrementAndGet();
            twinPending = twinEnabled;
            lock.notifyAll();
        }
    }

    private InternalClient currentClient() throws IOException {
        synchronized (lock) {
            if (!connected || client == null) {
                throw new IOException("not connected");
            }
            return client;
        }
    }

    private void readTwin(InternalClient c) throws Exception {
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        c.subscribeToDesiredPropertiesAsync((twin, ctx) -> onDesired(twin), null, (e, ctx) -> {
            if (e == null) {
                subscribed.complete(null);
            } else {
                subscribed.completeExceptionally(e);
            }
        }, null);
        RawDesiredPatches.install(c, listener);
        await(subscribed, "subscribing to desired properties");
        long asked = twinRequests.get();
        // A twin answer can get lost (seen with a very fast broker-side responder): ask again
        // soon rather than wait the whole operation timeout; the loop retries with back-off.
        Twin twin = c.getTwin((int) Math.min(TWIN_TIMEOUT_MS, operationTimeout.toMillis()));
        TwinCollection desired = twin.getDesiredProperties();
        synchronized (lock) {
            twinPending &= twinRequests.get() != asked; // (asked again meanwhile: the answer may be older; read once more)
        }
        listener.connected(TwinValues.plain(desired), desired == null ? null : desired.getVersion());
    }

    private void onDesired(Twin twin) {
        try {
            TwinCollection patch = twin.getDesiredProperties();
            listener.desiredPatch(TwinValues.plain(patch), patch == null ? null : patch.getVersion());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handling a desired-properties patch failed", e);
        }
    }

    private void onStatus(InternalClient c, ConnectionStatusChangeContext ctx) {
        IotHubConnectionStatus status = ctx.getNewStatus();
        synchronized (lock) {
            if (c != client) {
                return; // an old client's last words
            }
            if (status == IotHubConnectionStatus.CONNECTED) {
                return;
            }
            if (connected) {
                connected = false;
                reconnect = true;
                lastError = "connection lost (" + ctx.getNewStatusReason() + ")"
                        + (ctx.getCause() != null ? ": " + describe(ctx.getCause()) : "");
                LOG.warning("hub " + lastError + "; reconnecting");
                lock.notifyAll();
            }
        }
    }

    /**
     * Sends one message and waits until the hub acknowledged it.
     *
     * @throws IOException if not connected, refused, or not acknowledged in time
     */
    void send(Message message, Duration timeout) throws IOException, InterruptedException {
        InternalClient c;
        synchronized (lock) {
            if (!connected || client == null) {
                throw new IOException("not connected to the hub (" + lastError + ")");
            }
            c = client;
        }
        // not sent at all after the timeout: the caller will send it again later
        message.setExpiryTime(timeout.toMillis());
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            c.sendEventAsync(message, (m, e, ctx) -> {
                if (e == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(e);
                }
            }, null);
        } catch (IllegalStateException e) {
            throw new IOException("the hub client is closed: " + e.getMessage(), e);
        }
        try {
            acked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the hub did not acknowledge the message within " + timeout);
        } catch (ExecutionException e) {
            throw new IOException("the hub did not take the message: " + describe(e.getCause()), e.getCause());
        }
    }

    /**
     * Writes reported properties (a JSON merge patch: null removes) without waiting for the hub's
     * answer: the bridge always writes the whole reported state, and again on every connection,
     * so a lost answer loses nothing, and a slow one never holds up the next desired update.
     */
    void report(Map<String, Object> reported) throws Exception {
        if (reported.isEmpty()) {
            return;
        }
        InternalClient c = currentClient();
        TwinCollection tc = new TwinCollection();
        tc.putAll(reported);
        c.updateReportedPropertiesAsync(tc, (status, response, e, ctx) -> {
            if (e != null) {
                LOG.warning("the hub did not take the reported properties: " + describe(e));
            }
        }, null);
    }

    private void await(CompletableFuture<?> f, String what) throws Exception {
        try {
            f.get(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException(what + ": no answer within " + operationTimeout);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private void closeClient() {
        InternalClient c;
        synchronized (lock) {
            c = client;
            client = null;
            connected = false;
        }
        if (c != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(InternalClient c) {
        try {
            c.close();
        } catch (RuntimeException e) {
            LOG.fine("closing the hub client: " + e);
        }
    }

    /** An exception as one line (with the SDK's status code); never a secret. */
    static String describe(Throwable t) {
        String m = Errors.describe(t);
        return t instanceof IotHubClientException h ? m + " [" + h.getStatusCode() + "]" : m;
    }

    /**
     * Stops the connection thread and closes the client, each waited for at most
     * {@link #CLOSE_WAIT_MS}: with the hub unreachable or not answering, the SDK's close (its
     * goodbye to the hub) can take far longer than the agent's stop may (docker stop's grace
     * period, 10 s by default, also has to cover the final flush). What is left then finishes, or
     * dies with the process, on daemon threads; nothing queued depends on it (the journal keeps
     * what was not acknowledged). A connection thread still opening a client closes it itself.
     */
    @Override
    public void close() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            joinBounded(t);
        }
        Thread closer = new Thread(this::closeClient, "edgesec-edgehub-close");
        closer.setDaemon(true);
        closer.start();
        if (!joinBounded(closer)) {
            LOG.warning("the hub client did not close within " + CLOSE_WAIT_MS + " ms (hub unreachable?); left closing in the background");
        }
    }

    /** @return whether {@code t} ended within {@link #CLOSE_WAIT_MS} */
    private static boolean joinBounded(Thread t) {
        try {
            t.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }
}
