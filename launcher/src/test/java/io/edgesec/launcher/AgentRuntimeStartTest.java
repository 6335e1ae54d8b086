package io.edgesec.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * The start-up order's guarantees with a side lane (AgentRuntime, StartOrder): what starts beside
 * the launcher's thread really does, and every phase still ends only once its side lane has.
 * Fake bundles in a real (empty) framework; each waits for another at most 10 s, so a lane that
 * runs in sequence fails the test instead of hanging it.
 */
class AgentRuntimeStartTest {
    private static final String TRANSPORT_CAPABILITY = "osgi.service;objectClass:List<String>=\"io.edgesec.api.transport.MessageTransport\"";
    @TempDir
    Path dir;
    private AgentRuntime runtime;
    private final List<String> started = new CopyOnWriteArrayList<>();

    @BeforeEach
    void framework() throws Exception {
        runtime = new AgentRuntime(dir, Map.of());
    }

    @AfterEach
    void stop() {
        runtime.stop();
    }

    private Bundle bundle(String bsn, FakeBundle.StartAction action) {
        return FakeBundle.of(bsn, () -> {
            action.run();
            started.add(bsn);
        });
    }

    private static void startThread(List<Thread> threads, Runnable body) {
        Thread t = new Thread(body, "test-first-message");
        threads.add(t);
        t.start();
    }

    private static boolean await(CountDownLatch latch) throws InterruptedException {
        return latch.await(10, TimeUnit.SECONDS);
    }

    @Test
    void theDetectorStartsBesideTheAggregator() throws Exception {
        // each waits for the other to be starting: in sequence, whichever went first would wait in vain
        CountDownLatch aggregatorStarting = new CountDownLatch(1);
        CountDownLatch detectorStarting = new CountDownLatch(1);
        AtomicBoolean aggregatorSawDetector = new AtomicBoolean();
        AtomicBoolean detectorSawAggregator = new AtomicBoolean();
        List<Bundle> bundles = List.of(
                FakeBundle.of("io.edgesec.transport-file", TRANSPORT_CAPABILITY, () -> started.add("io.edgesec.transport-file")),
                bundle(AgentRuntime.AGGREGATOR_BSN, () -> {
                    aggregatorStarting.countDown();
                    aggregatorSawDetector.set(await(detectorStarting));
                }),
                bundle(StartOrder.DETECTOR_BSN, () -> {
                    detectorStarting.countDown();
                    detectorSawAggregator.set(await(aggregatorStarting));
                }),
                bundle(StartOrder.SYSTEM_COLLECTORS_BSN, () -> {
                }));
        runtime.startAgent(bundles, 0, new StartOrder(false, false));
        assertTrue(aggregatorSawDetector.get() && detectorSawAggregator.get(),
                "the aggregator and the detector started one after the other, not beside each other");
        assertEquals(4, started.size(), started.toString());
    }

    @Test
    void noCollectorStartsBeforeTheDetectorHasStarted() throws Exception {
        CountDownLatch aggregatorStarted = new CountDownLatch(1);
        AtomicBoolean detectorDone = new AtomicBoolean();
        List<Boolean> detectorDoneAtCollectorStart = new CopyOnWriteArrayList<>();
        List<Bundle> bundles = List.of(
                bundle("io.edgesec.collector-process", () -> detectorDoneAtCollectorStart.add(detectorDone.get())),
                bundle(StartOrder.SYSTEM_COLLECTORS_BSN, () -> detectorDoneAtCollectorStart.add(detectorDone.get())),
                bundle(StartOrder.DETECTOR_BSN, () -> {
                    // still starting when the launcher's thread is past the aggregator
                    await(aggregatorStarted);
                    Thread.yield();
                    detectorDone.set(true);
                }),
                bundle(AgentRuntime.AGGREGATOR_BSN, aggregatorStarted::countDown));
        runtime.startAgent(bundles, 0, new StartOrder(false, false));
        assertEquals(List.of(true, true), detectorDoneAtCollectorStart, "a collector started before the detector had");
        assertEquals(List.of(StartOrder.SYSTEM_COLLECTORS_BSN, "io.edgesec.collector-process"), started.subList(2, 4));
    }

    @Test
    void aDetectorThatDoesNotStartIsReportedAndTheOthersGoOn() {
        List<Bundle> bundles = List.of(
                bundle(AgentRuntime.AGGREGATOR_BSN, () -> {
                }),
                bundle(StartOrder.DETECTOR_BSN, () -> {
                    throw new BundleException("no rules");
                }),
                bundle(StartOrder.SYSTEM_COLLECTORS_BSN, () -> {
                }),
                bundle("io.edgesec.manifest-analyzer", () -> {
                }));
        List<Bundle> deferred = runtime.startAgent(bundles, 0, new StartOrder(false, false));
        assertEquals(List.of(AgentRuntime.AGGREGATOR_BSN, StartOrder.SYSTEM_COLLECTORS_BSN), started);
        assertEquals(List.of("io.edgesec.manifest-analyzer"), deferred.stream().map(Bundle::getSymbolicName).toList());
    }

    @Test
    void configAdminAndMetatypeStartBesideScrAndThePhaseEndsOnceTheyHave() throws Exception {
        CountDownLatch configAdminStarting = new CountDownLatch(1);
        CountDownLatch scrStarting = new CountDownLatch(1);
        CountDownLatch scrStarted = new CountDownLatch(1);
        AtomicBoolean scrSawConfigAdmin = new AtomicBoolean();
        AtomicBoolean configAdminSawScr = new AtomicBoolean();
        List<Bundle> bundles = List.of(
                bundle(AgentRuntime.API_BSN, () -> {
                }),
                bundle(AgentRuntime.CONFIGURATION_BSN, () -> {
                }),
                bundle(AgentRuntime.CONFIG_ADMIN_BSN, () -> {
                    configAdminStarting.countDown();
                    configAdminSawScr.set(await(scrStarting));
                }),
                // still starting when the launcher's thread has started the rest
                bundle(AgentRuntime.METATYPE_BSN, () -> await(scrStarted)),
                bundle("org.apache.felix.scr", () -> {
                    scrStarting.countDown();
                    scrSawConfigAdmin.set(await(configAdminStarting));
                    scrStarted.countDown();
                }),
                bundle(AgentRuntime.AGGREGATOR_BSN, () -> {
                }));
        runtime.startInfrastructure(bundles);
        assertTrue(scrSawConfigAdmin.get() && configAdminSawScr.get(), "SCR and ConfigAdmin started one after the other, not beside each other");
        assertTrue(started.contains(AgentRuntime.METATYPE_BSN), "the phase ended before Metatype had started");
        assertEquals(5, started.size(), started.toString());
        assertFalse(started.contains(AgentRuntime.AGGREGATOR_BSN), "an agent bundle started with the infrastructure");
    }

    @Test
    void theOtherCollectorsWaitForTheFirstMessage() throws Exception {
        Thread launcher = Thread.currentThread();
        AtomicBoolean returned = new AtomicBoolean();
        List<String> startedAtFirstMessage = new CopyOnWriteArrayList<>();
        List<Thread> senders = new CopyOnWriteArrayList<>();
        List<Bundle> bundles = List.of(
                bundle("io.edgesec.collector-process", () -> {
                }),
                bundle(AgentRuntime.AGGREGATOR_BSN, () -> {
                }),
                bundle(StartOrder.SYSTEM_COLLECTORS_BSN, () -> startThread(senders, () -> {
                    // the first message goes out once the launcher waits for it, or once it went on without waiting
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!returned.get() && launcher.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                    startedAtFirstMessage.addAll(started);
                    Hashtable<String, Object> milestone = new Hashtable<>();
                    milestone.put("edgesec.milestone", "first-message");
                    runtime.context().registerService(Object.class, new Object(), milestone);
                })));
        runtime.startAgent(bundles, 0, new StartOrder(false, false), 10_000);
        returned.set(true);
        senders.get(0).join(10_000);
        assertEquals(List.of(AgentRuntime.AGGREGATOR_BSN, StartOrder.SYSTEM_COLLECTORS_BSN), startedAtFirstMessage,
                "what had started when the first message went out");
        assertEquals(3, started.size(), started.toString());
    }

    @Test
    void theOtherCollectorsStartAfterTheWaitWhenNoFirstMessageComes() {
        List<Bundle> bundles = List.of(
                bundle(StartOrder.SYSTEM_COLLECTORS_BSN, () -> {
                }),
                bundle("io.edgesec.collector-process", () -> {
                }),
                bundle("io.edgesec.collector-audit", () -> {
                }));
        runtime.startAgent(bundles, 0, new StartOrder(false, false), 50);
        assertEquals(List.of(StartOrder.SYSTEM_COLLECTORS_BSN, "io.edgesec.collector-process", "io.edgesec.collector-audit"), started);
    }
}
