package io.edgesec.collector.system.internal.sysinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.collector.system.internal.host.HostRoot;
import io.edgesec.collector.system.internal.testing.FixtureRoot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemInformationCollectorTest {
    @TempDir
    Path dir;

    @Test
    void everyFieldFromTheFixture() throws Exception {
        FixtureRoot.debianDevice(dir).file("/sys/class/dmi/id/bios_version", "1.2.3\n");
        Map<String, Object> p = new SystemInformationCollector(new HostRoot(dir)).snapshot();
        assertEquals("Debian GNU/Linux", p.get("OSName"));
        assertEquals("12 (bookworm)", p.get("OSVersion"));
        assertEquals("debian", p.get("OSVendor"));
        assertEquals("edge-device-7", p.get("HostName"));
        assertEquals("1.2.3", p.get("BIOSVersion"));
        assertEquals("/dev/mmcblk0p2", p.get("BootDevice"));
        assertEquals(2048000L, p.get("TotalPhysicalMemoryInKB"));
        assertEquals(1024000L, p.get("FreePhysicalMemoryInKB"));
        assertEquals(2560000L, p.get("TotalVirtualMemoryInKB"));
        assertEquals(1280000L, p.get("FreeVirtualMemoryInKB"));
        Map<?, ?> x = (Map<?, ?>) p.get("ExtraDetails");
        assertEquals("6.1.0-18-amd64", x.get("KernelRelease"));
        assertEquals("2023-11-14T22:13:20Z", x.get("BootTime"));
        assertEquals("12345", x.get("UptimeSeconds"));
        assertEquals("2", x.get("Cpus"));
        assertEquals("Raspberry Pi 4 Model B Rev 1.4", x.get("DeviceModel"));
        assertEquals("aziot-edge 1.4.27-1", x.get("IotEdgeRuntimeVersion"));
        assertEquals("true", x.get("IotEdgeConfigured"));
        assertEquals("moby-engine 23.0.3-1", x.get("ContainerEngineVersion"));
    }

    @Test
    void liveHost() throws Exception {
        Map<String, Object> p = new SystemInformationCollector(HostRoot.of("/")).snapshot();
        assertNotNull(p.get("HostName"));
        assertTrue((Long) p.get("TotalPhysicalMemoryInKB") > 0);
        assertNotNull(((Map<?, ?>) p.get("ExtraDetails")).get("KernelRelease"));
    }
}
