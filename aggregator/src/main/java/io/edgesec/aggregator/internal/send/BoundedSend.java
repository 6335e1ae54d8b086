package io.edgesec.aggregator.internal.send;

import io.edgesec.api.event.SecurityMessage;
import io.edgesec.api.transport.MessageTransport;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls {@link MessageTransport#send} on a thread of its own and waits at most a timeout, so a
 * transport that hangs (a publish whose acknowledgement never comes, a blocked write) costs the
 * sender one timeout instead of the sender itself. The call that outlived its timeout goes on:
 * it is not interrupted (an interrupt closes a {@code FileChannel} under the file transport) and
 * its thread ends when the call does. At most {@link #MAX_HUNG} such calls are left running; past
 * that no new call starts until one returns, so a transport that hangs on every send does not
 * cost a thread per retry.
 */
final class BoundedSend {
    static final int MAX_HUNG = 4;

    private final AtomicInteger hung = new AtomicInteger();
    private final ExecutorService callers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "edgesec-transport-send");
        t.setDaemon(true);
        return t;
    });

    /**
     * @throws TimeoutException the transport did not return within {@code timeout} (or too many
     *         of its earlier calls still hang); the message may still be delivered by the call going on
     * @throws Exception what the transport threw
     */
    void send(MessageTransport transport, SecurityMessage message, Duration timeout) throws Exception {
        if (hung.get() >= MAX_HUNG) {
            throw new TimeoutException(MAX_HUNG + " earlier sends have not returned; no new one is started");
        }
        Future<?> call = callers.submit(() -> {
            transport.send(message);
            return null;
        });
        try {
            call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            hung.incrementAndGet();
            callers.execute(() -> awaitEnd(call)); // counts it down when it returns
            throw new TimeoutException("the transport's send did not return within " + timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private void awaitEnd(Future<?> call) {
        try {
            call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shut down: nobody counts any more
        } catch (ExecutionException e) {
            // the late result of a call already reported as timed out
        } catch (RuntimeException e) {
            // cancelled
        }
        hung.decrementAndGet();
    }

    /** @return calls that outlived their timeout and still run */
    int hung() {
        return hung.get();
    }

    /** Stops the idle threads; a hung call's thread ends when its call does (daemon, never interrupted). */
    void close() {
        callers.shutdown();
    }
}
