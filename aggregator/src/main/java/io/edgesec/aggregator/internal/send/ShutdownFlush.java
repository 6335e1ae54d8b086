package io.edgesec.aggregator.internal.send;

import io.edgesec.aggregator.internal.queue.EventQueues;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The sender's last act at shutdown: everything queued sent within {@code shutdownFlushTimeout}.
 * One deadline covers the send in progress and the final flush, both on the sender thread; past
 * it a send still waiting for the hub is interrupted (its events stay queued and journaled), so
 * the whole stop fits docker stop's grace period whatever the hub does.
 */
public final class ShutdownFlush {
    private static final Logger LOG = Logger.getLogger(ShutdownFlush.class.getName());
    /** How long an interrupted sender thread gets to put its events back before the journal closes. */
    private static final long SENDER_INTERRUPT_WAIT_MS = 1000;

    private ShutdownFlush() {
    }

    /**
     * Stops {@code sender} (running on {@code senderThread}), waits for its final flush and closes it.
     *
     * @return true if everything queued was delivered
     */
    public static boolean run(MessageSender sender, Thread senderThread, EventQueues queues, Duration shutdownFlushTimeout) {
        Instant deadline = Instant.now().plus(shutdownFlushTimeout);
        sender.stopAndFlush(deadline);
        try {
            senderThread.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
            if (senderThread.isAlive()) {
                LOG.warning("shutdown: the final flush did not finish within shutdownFlushTimeout " + shutdownFlushTimeout
                        + "; the send waiting for the hub is abandoned");
                senderThread.interrupt();
                senderThread.join(SENDER_INTERRUPT_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean empty = !senderThread.isAlive() && sender.flushedEmpty() && queues.isEmpty();
        sender.close();
        return empty;
    }
}
