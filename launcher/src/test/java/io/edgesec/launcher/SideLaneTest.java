package io.edgesec.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SideLaneTest {
    @Test
    void runsOnItsOwnThreadWhileTheCallerGoesOn() throws Exception {
        CountDownLatch callerWentOn = new CountDownLatch(1);
        AtomicBoolean sawTheCaller = new AtomicBoolean();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        // run in the caller's thread, start() would wait here for what the caller does after it
        SideLane lane = SideLane.start("test", () -> {
            ranOn.set(Thread.currentThread());
            try {
                sawTheCaller.set(callerWentOn.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        callerWentOn.countDown();
        lane.join();
        assertTrue(sawTheCaller.get(), "the side lane ran before the caller went on, not beside it");
        assertNotEquals(Thread.currentThread(), ranOn.get());
        assertEquals("edgesec-start-test", ranOn.get().getName());
    }

    @Test
    void joinReturnsOnlyOnceTheWorkHasEnded() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        SideLane lane = SideLane.start("slow", () -> {
            started.countDown();
            Thread.yield();
            ended.set(true);
        });
        lane.join();
        assertTrue(ended.get());
        assertTrue(lane.millis() >= 0, "its time is known once joined");
    }

    @Test
    void whatTheWorkThrowsIsLoggedAndJoinStillReturns() {
        SideLane lane = SideLane.start("failing", () -> {
            throw new IllegalStateException("boom");
        });
        lane.join(); // no exception: start-up goes on as after a bundle that did not start
        assertTrue(lane.millis() >= 0);
    }

    @Test
    void anInterruptWhileJoiningIsKeptButTheWorkIsAwaited() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        SideLane lane = SideLane.start("interrupted", () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended.set(true);
        });
        Thread.currentThread().interrupt();
        Thread releaser = new Thread(release::countDown);
        releaser.start();
        lane.join();
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertTrue(ended.get(), "join returned before the work ended");
    }
}
