package io.edgesec.collector.docker.internal.pidmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.docker.internal.inventory.KnownContainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a /proc-shaped directory (the real /proc is exercised by the engine scenario tests). */
class ContainerProcessEnricherTest {
    private static final String ID = "c".repeat(64);

    @TempDir
    Path proc;

    private void process(long pid, String cgroup) throws Exception {
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(proc.resolve(Long.toString(pid)).resolve("cgroup"), cgroup);
    }

    @Test
    void itemsWithAContainerProcessGetTheContainer() throws Exception {
        process(10, "0::/docker/" + ID + "\n");
        process(11, "0::/\n");
        KnownContainers known = new KnownContainers();
        known.put(ID, "/camera");
        ContainerProcessEnricher enricher = new ContainerProcessEnricher(proc, known);
        Map<String, Object> inContainer = new LinkedHashMap<>(Map.of("ProcessId", 10L, "Executable", "/bin/sh"));
        Map<String, Object> onHost = Map.of("ProcessId", "11");
        Map<String, Object> noPid = Map.of("LocalPort", 22L);
        SecurityEvent e = SecurityEvent.builder(EventNames.LISTENING_PORTS).payload(inContainer).payload(onHost).payload(noPid).build();
        SecurityEvent out = enricher.enrich(e);
        assertEquals(e.id(), out.id());
        // an Azure kind: its payload schema allows no extra top-level field, so ExtraDetails holds them
        assertEquals(Map.of("ContainerId", ID, "ContainerName", "camera"), out.payload().get(0).get("ExtraDetails"));
        assertNull(out.payload().get(0).get("ContainerId"));
        assertEquals("/bin/sh", out.payload().get(0).get("Executable"));
        assertEquals(onHost, out.payload().get(1));
        assertEquals(noPid, out.payload().get(2));
        SecurityEvent hostOnly = SecurityEvent.builder(EventNames.PROCESS_CREATE).payload(onHost).build();
        assertSame(hostOnly, enricher.enrich(hostOnly), "nothing to add: the same event");
        assertSame(out, enricher.enrich(out), "already attributed: the same event");
    }

    @Test
    void edgesecKindsCarryTheContainerAsFieldsAndAzureKindsKeepTheirExtraDetails() throws Exception {
        process(12, "0::/docker/" + ID + "\n");
        KnownContainers known = new KnownContainers();
        known.put(ID, "/camera");
        ContainerProcessEnricher enricher = new ContainerProcessEnricher(proc, known);
        SecurityEvent own = SecurityEvent.builder(EventNames.ACCOUNT_CHANGE).payload(Map.of("ProcessId", 12L)).build();
        assertEquals(ID, enricher.enrich(own).payload().get(0).get("ContainerId"));
        assertEquals("camera", enricher.enrich(own).payload().get(0).get("ContainerName"));
        SecurityEvent azure = SecurityEvent.builder(EventNames.PROCESS_CREATE)
                .payload(Map.of("ProcessId", 12L, "ExtraDetails", Map.of("HitCount", "2"))).build();
        assertEquals(Map.of("HitCount", "2", "ContainerId", ID, "ContainerName", "camera"),
                enricher.enrich(azure).payload().get(0).get("ExtraDetails"));
    }

    @Test
    void aProcessThatExitedIsStillAttributedWithinTheCacheTime() throws Exception {
        process(20, "0::/docker/" + ID + "\n");
        AtomicLong now = new AtomicLong();
        ContainerProcessEnricher enricher = new ContainerProcessEnricher(proc, new KnownContainers(), Duration.ofSeconds(30), now::get);
        assertEquals(ID, enricher.containerOf(20));
        Files.delete(proc.resolve("20/cgroup"));
        Files.delete(proc.resolve("20"));
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertEquals(ID, enricher.containerOf(20));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertNull(enricher.containerOf(20), "after the cache time the pid may belong to another process");
        SecurityEvent e = SecurityEvent.builder(EventNames.PROCESS_TERMINATE).payload(Map.of("ProcessId", 20L)).build();
        assertEquals(List.copyOf(e.payload()), enricher.enrich(e).payload());
    }

    @Test
    void aProcessAlreadyGoneIsAMissThatIsCachedForTheCacheTime() throws Exception {
        AtomicLong now = new AtomicLong();
        ContainerProcessEnricher enricher = new ContainerProcessEnricher(proc, new KnownContainers(), Duration.ofSeconds(30), now::get);
        assertNull(enricher.containerOf(21), "no /proc entry: not in a container as far as we can tell");
        process(21, "0::/docker/" + ID + "\n"); // the pid is reused by a container process at once
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertNull(enricher.containerOf(21), "the miss is cached like a hit: no /proc read per event");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(ID, enricher.containerOf(21), "after the cache time the pid is looked up again");
    }

    @Test
    void aProcessOfAnIotEdgeModuleNamesTheModuleAndAPlainContainerDoesNot() throws Exception {
        String plain = "d".repeat(64);
        process(30, "0::/docker/" + ID + "\n");
        process(31, "0::/docker/" + plain + "\n");
        KnownContainers known = new KnownContainers();
        known.put(ID, "/SimulatedTemperatureSensor");
        known.putModule(ID, "SimulatedTemperatureSensor");
        known.put(plain, "/tool");
        ContainerProcessEnricher enricher = new ContainerProcessEnricher(proc, known);
        SecurityEvent azure = SecurityEvent.builder(EventNames.PROCESS_CREATE).payload(Map.of("ProcessId", 30L))
                .payload(Map.of("ProcessId", 31L)).build();
        SecurityEvent out = enricher.enrich(azure);
        assertEquals(Map.of("ContainerId", ID, "ContainerName", "SimulatedTemperatureSensor", "ModuleName", "SimulatedTemperatureSensor"),
                out.payload().get(0).get("ExtraDetails"));
        assertEquals(Map.of("ContainerId", plain, "ContainerName", "tool"), out.payload().get(1).get("ExtraDetails"));
        SecurityEvent own = SecurityEvent.builder(EventNames.ACCOUNT_CHANGE).payload(Map.of("ProcessId", 30L)).build();
        assertEquals("SimulatedTemperatureSensor", enricher.enrich(own).payload().get(0).get("ModuleName"));
        known.remove(ID);
        assertNull(known.moduleOf(ID), "a destroyed container's module is forgotten with it");
    }
}
