package io.edgesec.detector.internal.stateful;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Reconnaissance#fileKind} scans for the files a cat or grep names instead of running the
 * three regexes it replaced: it must answer what they answered, in their order, over arguments
 * made of the files they name, near misses of them and other text.
 */
class ReconnaissanceTest {
    private static final Pattern ACCOUNTS = Pattern.compile("/etc/(?:passwd|group|shadow|sudoers)");
    private static final Pattern SYSTEM = Pattern.compile(
            "/etc/(?:os-release|issue|lsb-release|[a-z]+-release|hostname)|/proc/(?:version|cpuinfo)");
    private static final Pattern NETWORK = Pattern.compile("/etc/(?:hosts|resolv\\.conf)|/proc/net/");
    private static final String[] PARTS = {"/etc/", "/proc/", "/etc", "/proc", "passwd", "group", "shadow", "sudoers",
        "os-release", "lsb-release", "redhat-release", "-release", "release", "issue", "hostname", "hosts", "host",
        "resolv.conf", "resolv", "version", "cpuinfo", "net/", "net", "meminfo", "a", "Z", "-", "/", " ", ".", "x-y",
        "/etc//", "/proc/proc/", "/etc/etc/", "-q", "active", "$1", "*"};

    private static String byRegex(String args) {
        if (ACCOUNTS.matcher(args).find()) {
            return "accounts";
        }
        if (SYSTEM.matcher(args).find()) {
            return "system";
        }
        return NETWORK.matcher(args).find() ? "network" : null;
    }

    @Test
    void answersAsTheRegexesDid() {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Integer> kinds = new HashMap<>();
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int parts = random.nextInt(1, 7); parts > 0; parts--) {
                sb.append(PARTS[random.nextInt(PARTS.length)]);
            }
            String args = sb.toString();
            String expected = byRegex(args);
            assertEquals(expected, Reconnaissance.fileKind(args), args);
            kinds.merge(String.valueOf(expected), 1, Integer::sum);
        }
        for (String k : new String[] {"accounts", "system", "network", "null"}) {
            assertTrue(kinds.getOrDefault(k, 0) > 1000, "too few texts of kind " + k + ": " + kinds);
        }
    }

    @Test
    void namesTheFilesOfTheBenchmarkAndTheCatalogue() {
        assertEquals("accounts", Reconnaissance.fileKind("-F: {print $1} /etc/passwd"));
        assertEquals("accounts", Reconnaissance.fileKind("/etc/hosts /etc/sudoers"));
        assertEquals("system", Reconnaissance.fileKind("/etc/os-release"));
        assertEquals("system", Reconnaissance.fileKind("/proc/cpuinfo /etc/hosts"));
        assertEquals("network", Reconnaissance.fileKind("/proc/net/tcp"));
        assertEquals(null, Reconnaissance.fileKind("/proc/meminfo"));
        assertEquals(null, Reconnaissance.fileKind("-q active /run/app/state"));
        assertEquals(null, Reconnaissance.fileKind("/etc/-release"));
    }
}
