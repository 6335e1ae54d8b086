package io.edgesec.collector.system.internal.sysinfo;

import io.edgesec.api.collector.CollectorName;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.system.internal.host.HostRoot;
import io.edgesec.collector.system.internal.host.OsRelease;
import io.edgesec.collector.system.internal.software.InstalledPackage;
import io.edgesec.collector.system.internal.software.PackageDatabases;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * SystemInformation: the Azure fields (OSName, OSVersion, OSVendor, OsArchitecture, HostName,
 * BIOSVersion, BootDevice, memory in KB) and, in ExtraDetails, kernel, boot time, uptime, CPUs,
 * device model, IoT Edge runtime and container engine. Everything from files under the host
 * root (os-release, /proc, /sys, package databases): no tool runs.
 */
@Component(configurationPid = SystemInformationConfig.PID)
@CollectorName(SystemInformationCollector.NAME)
@Designate(ocd = SystemInformationConfig.class)
public class SystemInformationCollector implements PeriodicCollector {
    static final String NAME = "system-information";
    private final HostRoot root;

    @Activate
    public SystemInformationCollector(SystemInformationConfig config) {
        this(HostRoot.of(config.hostRoot()));
    }

    public SystemInformationCollector(HostRoot root) {
        this.root = root;
    }

    @Override
    public List<SecurityEvent> collect() throws IOException {
        return List.of(SecurityEvent.builder(EventNames.SYSTEM_INFORMATION).category(EventCategory.PERIODIC)
                .timestamp(Instant.now()).payload(snapshot()).build());
    }

    Map<String, Object> snapshot() throws IOException {
        OsRelease os = OsRelease.read(root);
        Map<String, Object> p = new LinkedHashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        p.put("OSName", os.isEmpty() ? "Linux" : os.name());
        p.put("OSVersion", blankToNull(os.get("VERSION") != null ? os.get("VERSION") : os.versionId()));
        p.put("OSVendor", blankToNull(os.id()));
        p.put("OsArchitecture", architecture());
        p.put("HostName", root.firstLine("/proc/sys/kernel/hostname") != null ? root.firstLine("/proc/sys/kernel/hostname")
                : root.firstLine("/etc/hostname"));
        p.put("BIOSVersion", root.firstLine("/sys/class/dmi/id/bios_version"));
        p.put("BootDevice", bootDevice());
        Map<String, Long> mem = meminfo();
        if (mem.containsKey("MemTotal")) {
            long total = mem.get("MemTotal");
            long free = mem.getOrDefault("MemAvailable", mem.getOrDefault("MemFree", 0L));
            p.put("TotalPhysicalMemoryInKB", total);
            p.put("FreePhysicalMemoryInKB", free);
            p.put("TotalVirtualMemoryInKB", total + mem.getOrDefault("SwapTotal", 0L));
            p.put("FreeVirtualMemoryInKB", free + mem.getOrDefault("SwapFree", 0L));
        }
        putIf(extra, "OSPrettyName", os.get("PRETTY_NAME"));
        putIf(extra, "OSVersionId", os.get("VERSION_ID"));
        putIf(extra, "KernelRelease", root.firstLine("/proc/sys/kernel/osrelease"));
        putIf(extra, "KernelVersion", root.firstLine("/proc/sys/kernel/version"));
        Long btime = bootTime();
        if (btime != null) {
            extra.put("BootTime", Instant.ofEpochSecond(btime).toString());
        }
        String uptime = root.firstLine("/proc/uptime");
        if (uptime != null && !uptime.isEmpty()) {
            extra.put("UptimeSeconds", uptime.split("\\s+")[0].replaceAll("\\..*", ""));
        }
        int cpus = cpuCount();
        if (cpus > 0) {
            extra.put("Cpus", Integer.toString(cpus));
        }
        String model = root.firstLine("/proc/device-tree/model");
        if (model != null) {
            model = model.replace("\0", "");
        } else {
            String vendor = root.firstLine("/sys/class/dmi/id/sys_vendor");
            String product = root.firstLine("/sys/class/dmi/id/product_name");
            model = vendor == null ? product : product == null ? vendor : vendor + " " + product;
        }
        putIf(extra, "DeviceModel", model);
        PackageDatabases.Inventory inv = new PackageDatabases(root, false).read();
        boolean edgeConfig = root.exists("/etc/aziot/config.toml");
        String edgeVersion = version(inv, "aziot-edge", "iotedge");
        if (edgeConfig || edgeVersion != null) {
            extra.put("IotEdgeRuntimeVersion", edgeVersion == null ? "unknown" : edgeVersion);
            extra.put("IotEdgeConfigured", Boolean.toString(edgeConfig));
        }
        String engine = version(inv, "moby-engine", "docker-ce", "docker.io", "docker", "podman");
        if (engine != null) {
            extra.put("ContainerEngineVersion", engine);
        }
        p.put("ExtraDetails", extra);
        return p;
    }

    private static String version(PackageDatabases.Inventory inv, String... names) {
        for (String n : names) {
            for (InstalledPackage p : inv.packages()) {
                if (p.name().equals(n)) {
                    return p.name() + " " + p.version();
                }
            }
        }
        return null;
    }

    private String architecture() {
        String arch = root.firstLine("/proc/sys/kernel/arch"); // Linux 6.1+: uname -m
        if (arch != null && !arch.isEmpty()) {
            return arch;
        }
        String a = System.getProperty("os.arch", "");
        return switch (a) {
            case "amd64" -> "x86_64";
            case "arm" -> "armv7l";
            default -> a;
        };
    }

    private String bootDevice() {
        String cmdline = root.firstLine("/proc/cmdline");
        if (cmdline == null) {
            return null;
        }
        for (String arg : cmdline.split("\\s+")) {
            if (arg.startsWith("root=")) {
                return arg.substring(5);
            }
        }
        return null;
    }

    private Map<String, Long> meminfo() throws IOException {
        Map<String, Long> m = new LinkedHashMap<>();
        List<String> lines = root.linesOrNull("/proc/meminfo");
        if (lines != null) {
            for (String l : lines) {
                String[] f = l.split(":?\\s+");
                if (f.length >= 2) {
                    try {
                        m.put(f[0].replace(":", ""), Long.parseLong(f[1]));
                    } catch (NumberFormatException e) {
                        // not a number: not a field we use
                    }
                }
            }
        }
        return m;
    }

    private Long bootTime() throws IOException {
        List<String> lines = root.linesOrNull("/proc/stat");
        if (lines != null) {
            for (String l : lines) {
                if (l.startsWith("btime ")) {
                    try {
                        return Long.parseLong(l.substring(6).trim());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private int cpuCount() throws IOException {
        List<String> lines = root.linesOrNull("/proc/cpuinfo");
        if (lines == null) {
            return 0;
        }
        int n = 0;
        for (String l : lines) {
            if (l.startsWith("processor")) {
                n++;
            }
        }
        return n;
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
