package io.edgesec.collector.system.internal.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.collector.system.internal.host.HostRoot;
import io.edgesec.collector.system.internal.testing.FixtureRoot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in catalogue over a fixture device whose every check's outcome is known. */
class BaselineFixtureTest {
    @TempDir
    Path dir;

    /** msid -> expected result on FixtureRoot.debianDevice (64 and 65 are Ubuntu-only: not applicable). */
    static final Map<String, String> EXPECTED = new TreeMap<>();

    static {
        String pass = "Pass", fail = "Fail", err = "Err";
        for (String id : List.of("2.1", "5", "12.2", "22", "25", "26", "40.1", "43", "44", "46.2", "47", "56", "61", "62", "63",
                "68", "69", "74", "77", "82", "86", "87", "88", "89", "10", "50", "70.1", "70.2", "71.1", "71.2", "78", "79", "80",
                "81", "120", "124", "131", "132", "137", "138", "158", "106.4", "126", "127", "129", "130", "114", "116", "117",
                "106.1", "106.3", "106.5", "106.7", "110.1", "107", "108", "110", "112", "113")) {
            EXPECTED.put(id, pass);
        }
        for (String id : List.of("2.2", "2.3", "12.1", "23.2", "24", "37", "46.1", "48", "49", "67", "72", "73", "84", "90", "91",
                "121", "122", "159", "115", "161", "162", "163", "5.2.1", "110.2", "110.3", "106.11", "109", "111.2")) {
            EXPECTED.put(id, fail);
        }
        EXPECTED.put("40.2", err);
    }

    @Test
    void everyCheckHasItsExpectedResultOnTheFixtureDevice() throws Exception {
        FixtureRoot.debianDevice(dir);
        List<Check> catalogue = CheckCatalogue.builtIn();
        assertEquals(90, catalogue.size());
        List<CheckResult> results = Baseline.run(catalogue, new HostRoot(dir));
        Map<String, String> got = new TreeMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (CheckResult r : results) {
            got.put(r.check().msid(), r.result());
            errors.put(r.check().msid(), r.error());
            assertEquals(r.passed(), r.error().isEmpty(), r.check().msid() + ": " + r.error());
        }
        assertEquals(EXPECTED, got, "errors: " + errors);
        assertFalse(got.containsKey("64"), "Ubuntu-only check ran on Debian");
        // Azure's wording, exactly
        assertEquals("File '/etc/anacrontab' has ownership/permissions errors: Mode is '644' but should be '600'", errors.get("91"));
        assertEquals("File '/etc/passwd' has ownership/permissions errors: Mode is '666' but should be '644' or stricter", errors.get("12.1"));
        assertEquals("Service 'bluetooth' is not disabled", errors.get("84"));
        assertEquals("Service 'cups' is not disabled", errors.get("115"));
        assertEquals("Service 'auditd' is not running", errors.get("163"));
        assertEquals("Service 'auditd' is not enabled", errors.get("162"));
        assertEquals("No package matching '^(auditd|audit)$' is installed", errors.get("161"));
        assertEquals("Package 'telnetd' is installed", errors.get("73"));
        assertEquals("open /proc/sys/net/ipv6/conf/all/accept_source_route: no such file or directory", errors.get("40.2"));
        assertEquals("'PermitRootLogin' is 'yes' in /etc/ssh/sshd_config but should match '^no$'", errors.get("109"));
        assertEquals("'LoginGraceTime' is not set (sshd's default '120') in /etc/ssh/sshd_config but should match '^([1-9]|[1-5][0-9]|60|1m)s?$'",
                errors.get("110.2"));
        assertEquals("'net.ipv4.ip_forward' is '1' but should match '^0$'", errors.get("37"));
        assertEquals("Interface 'eth0' is in promiscuous mode", errors.get("48"));
        assertEquals("Wireless interface 'wlan0' is present", errors.get("49"));
        // the shadow line is named by number, never quoted (it may carry a hash)
        assertEquals("Found a line matching '^[^:]+::' in /etc/shadow (line 4)", errors.get("23.2"));
        assertEquals("Found a line matching '^(?!root:)[^:]*:[^:]*:0:' in /etc/passwd (line 6)", errors.get("24"));
    }

    @Test
    void everyPayloadCarriesTheSchemaFields() throws Exception {
        FixtureRoot.debianDevice(dir);
        for (CheckResult r : Baseline.run(CheckCatalogue.builtIn(), new HostRoot(dir))) {
            Map<String, Object> p = r.payload();
            assertEquals(List.of("Description", "CceId", "Result", "Error", "Severity", "ExtraDetails"), List.copyOf(p.keySet()));
            assertTrue(CheckCatalogue.SEVERITIES.contains(p.get("Severity")));
            assertTrue(List.of("Pass", "Fail", "Err").contains(p.get("Result")));
            assertFalse(p.get("Error").toString().contains("$6$"), "a hash leaked: " + p);
        }
    }

    @Test
    void hardenedFilesPassTheChecksThatFailedBefore() throws Exception {
        FixtureRoot f = FixtureRoot.debianDevice(dir);
        f.file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n", "644");
        f.file("/etc/shadow", "root:!:19700::::::\nalice:$6$s$h:19700:0:99999:7:::\n", "640");
        f.file("/etc/ssh/sshd_config", "PermitRootLogin no\nLoginGraceTime 30\n", "600");
        f.file("/proc/sys/net/ipv4/ip_forward", "0\n");
        f.file("/etc/anacrontab", "SHELL=/bin/sh\n", "600");
        Map<String, String> got = new TreeMap<>();
        Baseline.run(CheckCatalogue.builtIn(), new HostRoot(dir)).forEach(r -> got.put(r.check().msid(), r.result()));
        for (String id : List.of("12.1", "23.2", "24", "109", "110.2", "37", "91", "5.2.1")) {
            assertEquals("Pass", got.get(id), id);
        }
    }

    @Test
    void anEmptyRootGivesErrorsNotPasses() throws Exception {
        List<CheckResult> results = Baseline.run(CheckCatalogue.builtIn(), new HostRoot(dir));
        Map<String, CheckResult> byId = new LinkedHashMap<>();
        results.forEach(r -> byId.put(r.check().msid(), r));
        assertEquals("Err", byId.get("12.1").result());
        assertEquals("stat /etc/passwd: no such file or directory", byId.get("12.1").error());
        assertEquals("Err", byId.get("161").result());
        assertTrue(byId.get("161").error().startsWith("No package database"), byId.get("161").error());
        assertEquals("Err", byId.get("109").result());
        assertEquals("open /etc/ssh/sshd_config: no such file or directory", byId.get("109").error());
        assertEquals("Err", byId.get("163").result());
    }
}
