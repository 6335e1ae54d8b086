package io.edgesec.collector.system.internal.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.system.internal.host.HostRoot;
import io.edgesec.collector.system.internal.testing.FixtureRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftwareInventoryCollectorTest {
    @TempDir
    Path dir;

    @Test
    void dpkgPackagesAndKernelModulesWithChanges() throws Exception {
        FixtureRoot f = FixtureRoot.debianDevice(dir);
        SoftwareInventoryCollector c = new SoftwareInventoryCollector(new HostRoot(dir), false);
        SecurityEvent e = c.collect().get(0);
        assertEquals(EventNames.SOFTWARE_INVENTORY, e.name());
        List<String> rows = e.payload().stream().map(p -> p.get("Kind") + " " + p.get("Name") + " " + p.getOrDefault("Version", p.get("State"))).toList();
        // auditd is only config-files: not installed
        assertEquals(List.of("Package rsyslog 8.2302.0-1", "Package telnetd 0.17+2.4-2", "Package postfix 3.7.10-0+deb12u1",
                "Package linux-image-6.1.0-18-amd64 6.1.76-1", "Package aziot-edge 1.4.27-1", "Package moby-engine 23.0.3-1",
                "KernelModule nf_tables Live", "KernelModule bluetooth Live"), rows);
        Map<String, Object> first = e.payload().get(0);
        assertEquals("dpkg", first.get("Manager"));
        assertEquals("amd64", first.get("Architecture"));
        f.file("/var/lib/dpkg/status", FixtureRoot.dpkgStanza("rsyslog", "8.2302.0-2", "install ok installed")
                + FixtureRoot.dpkgStanza("postfix", "3.7.10-0+deb12u1", "install ok installed")
                + FixtureRoot.dpkgStanza("linux-image-6.1.0-18-amd64", "6.1.76-1", "install ok installed")
                + FixtureRoot.dpkgStanza("aziot-edge", "1.4.27-1", "install ok installed")
                + FixtureRoot.dpkgStanza("moby-engine", "23.0.3-1", "install ok installed")
                + FixtureRoot.dpkgStanza("nmap", "7.93+dfsg1-1", "install ok installed"));
        f.file("/proc/modules", "nf_tables 348160 0 - Live 0x0\n");
        List<String> changes = c.collect().get(0).payload().stream().filter(p -> p.containsKey("Change"))
                .map(p -> p.get("Change") + " " + p.get("Name") + " " + p.get("Version") + " " + p.get("PreviousVersion")).toList();
        assertEquals(List.of("VersionChanged rsyslog 8.2302.0-2 8.2302.0-1", "Added nmap 7.93+dfsg1-1 null",
                "Removed telnetd 0.17+2.4-2 null", "Removed bluetooth null null"), changes);
    }

    @Test
    void apkDatabase() throws Exception {
        new FixtureRoot(dir).file("/lib/apk/db/installed", "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:aarch64\nS:383152\n\nC:Q1def=\nP:busybox\nV:1.36.1-r5\nA:aarch64\n\n");
        SecurityEvent e = new SoftwareInventoryCollector(new HostRoot(dir), false).collect().get(0);
        assertEquals(List.of("apk musl 1.2.4-r2 aarch64", "apk busybox 1.36.1-r5 aarch64"),
                e.payload().stream().map(p -> p.get("Manager") + " " + p.get("Name") + " " + p.get("Version") + " " + p.get("Architecture")).toList());
    }

    @Test
    void rpmDatabaseReadThroughTheRpmTool() throws Exception {
        // a real rpm database in the fixture root: a package built with rpmbuild, registered with rpm --justdb
        Path build = dir.resolve("build");
        Files.createDirectories(build.resolve("SPECS"));
        Files.writeString(build.resolve("SPECS/f.spec"), "Name: edgesec-fixture\nVersion: 1.2.3\nRelease: 4\nSummary: f\n"
                + "License: MIT\nBuildArch: noarch\n%description\nf\n%files\n");
        Path root = dir.resolve("root");
        Files.createDirectories(root);
        run("rpmbuild", "--define", "_topdir " + build, "-bb", build.resolve("SPECS/f.spec").toString());
        run("rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm", "--initdb");
        run("rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm", "-i", "--nodeps", "--justdb", "--noscripts",
                build.resolve("RPMS/noarch/edgesec-fixture-1.2.3-4.noarch.rpm").toString());
        SecurityEvent e = new SoftwareInventoryCollector(new HostRoot(root), true).collect().get(0);
        assertEquals(List.of("rpm edgesec-fixture 1.2.3-4 noarch"),
                e.payload().stream().map(p -> p.get("Manager") + " " + p.get("Name") + " " + p.get("Version") + " " + p.get("Architecture")).toList());
        List<SecurityEvent> off = new SoftwareInventoryCollector(new HostRoot(root), false).collect();
        assertTrue(off.get(0).isEmpty() && off.get(1).toJson().contains("no package database"), "rpm off: " + off);
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", argv) + ": " + out);
    }

    @Test
    void noDatabaseIsReported() throws Exception {
        List<SecurityEvent> events = new SoftwareInventoryCollector(new HostRoot(dir), true).collect();
        assertEquals(2, events.size());
        assertTrue(events.get(1).toJson().contains("no package database"), events.get(1).toJson());
    }

    @Test
    void liveHostHasDpkgAndModules() throws Exception {
        SecurityEvent e = new SoftwareInventoryCollector(HostRoot.of("/"), true).collect().get(0);
        assertTrue(e.payload().stream().anyMatch(p -> "dpkg".equals(p.get("Name")) && "Package".equals(p.get("Kind"))), "dpkg itself");
        assertTrue(e.payload().size() > 50);
    }
}
