package io.edgesec.bundles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stuck fetch does not hold the caller past its bound, and the others go on. */
class BoundedFetchesTest {
    @Test
    void aStuckFetchFailsInTimeIsCancelledAndOthersProceed() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (BoundedFetches fetches = new BoundedFetches(Duration.ofMillis(300))) {
            IOException e = assertThrows(IOException.class, () -> fetches.obtain("stuck", () -> {
                try {
                    never.await();
                } catch (InterruptedException ie) {
                    interrupted.countDown();
                }
                return Path.of("never");
            }));
            assertTrue(e.getMessage().contains("not fetched within downloadTimeout PT0.3S: cancelled"), e.getMessage());
            assertTrue(interrupted.await(30, TimeUnit.SECONDS), "the stuck fetch was cancelled");
            assertEquals(Path.of("ok"), fetches.obtain("other", () -> Path.of("ok")));
            // a refusal thrown by a fetch comes through as it is
            IOException thrown = assertThrows(IOException.class, () -> fetches.obtain("bad", () -> {
                throw new IOException("no such file");
            }));
            assertEquals("no such file", thrown.getMessage());
        }
    }

    @Test
    void aSlowFetchGoesOnInTheBackgroundAndItsResultIsPickedUpByTheRetry() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        BoundedFetches.Fetch slow = () -> {
            runs.incrementAndGet();
            release.await();
            return Path.of("slow");
        };
        try (BoundedFetches fetches = new BoundedFetches(Duration.ofSeconds(60), Duration.ofMillis(100))) {
            IOException e = assertThrows(IOException.class, () -> fetches.obtain("slow", slow));
            assertTrue(e.getMessage().contains("goes on in the background"), e.getMessage());
            release.countDown();
            assertEquals(Path.of("slow"), fetches.obtain("slow", slow));
            assertEquals(1, runs.get(), "the retry took the running fetch's result instead of starting another");
        }
    }
}
