package io.edgesec.bundles.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the fetches of twin bundle entries off the twin thread, so that one slow or stuck source
 * (a stalled download, a file swapped for a FIFO) never holds up the others or later twin
 * updates. The twin thread waits at most {@link #WAIT} for the fetches of one reconciliation
 * together ({@link #beginRound}); a fetch not done by then
 * goes on in the background, is picked up by the entry's retry, and is cancelled when it is
 * older than the download timeout. At most {@link #THREADS} fetches run at once (a stuck one
 * cannot make threads pile up).
 */
final class BoundedFetches implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final int THREADS = 4;

    interface Fetch {
        Path run() throws Exception;
    }

    private record Running(Future<Path> future, long startedNanos) {
    }

    private final Duration timeout;
    private final Duration wait;
    /** end of the current reconciliation's waiting budget (System.nanoTime) */
    private long roundEnd = Long.MAX_VALUE;
    private final Map<String, Running> running = new HashMap<>();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "edgesec-bundle-fetch");
        t.setDaemon(true);
        return t;
    });

    BoundedFetches(Duration timeout) {
        this(timeout, WAIT);
    }

    BoundedFetches(Duration timeout, Duration wait) {
        this.timeout = timeout;
        this.wait = timeout.compareTo(wait) < 0 ? timeout : wait;
    }

    /**
     * Starts a reconciliation: all its fetches together hold the twin thread at most the wait
     * (not the wait once per entry).
     */
    synchronized void beginRound() {
        roundEnd = System.nanoTime() + wait.toNanos();
    }

    /**
     * @return the fetched file
     * @throws Exception what the fetch threw, or an IOException if it did not finish in time
     */
    synchronized Path obtain(String key, Fetch fetch) throws Exception {
        Running r = running.get(key);
        if (r == null) {
            try {
                r = new Running(executor.submit(fetch::run), System.nanoTime());
            } catch (RejectedExecutionException e) {
                throw new IOException(THREADS + " fetches are already running (stuck sources?); not fetched now");
            }
            running.put(key, r);
        }
        try {
            long left = Math.min(wait.toNanos(), Math.max(0, roundEnd - System.nanoTime()));
            Path p = r.future().get(left, TimeUnit.NANOSECONDS);
            running.remove(key);
            return p;
        } catch (TimeoutException e) {
            if (System.nanoTime() - r.startedNanos() >= timeout.toNanos()) {
                r.future().cancel(true);
                running.remove(key);
                throw new IOException("not fetched within downloadTimeout " + timeout + ": cancelled");
            }
            throw new IOException("not fetched within " + wait + "; the fetch goes on in the background (at most "
                    + timeout + ")");
        } catch (ExecutionException e) {
            running.remove(key);
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching");
        }
    }

    @Override
    public synchronized void close() {
        running.values().forEach(r -> r.future().cancel(true));
        running.clear();
        executor.shutdownNow();
    }
}
