package io.edgesec.collector.audit.internal.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kernel audit subsystem for a test: the state found (enabled flag, rule list) is saved; an
 * auditd of the test's own (config and log under the test's folder) is started when none runs,
 * else the running one's log (Debian's place) is used; rules the test adds are tracked.
 * {@link #close()} removes them, stops the auditd it started (by pid), restores the enabled flag
 * and fails unless the rule list is exactly what was found. Runs that use it hold
 * {@code flock /tmp/edgesec-audit.lock}. For this module's integration test and, through its
 * test-jar, itest's (the detector's attack test, the full-visibility container).
 */
public final class HostAudit implements AutoCloseable {
    private final Path dir;
    private final long savedEnabled;
    private final String savedRules;
    private final Path log;
    private final Path socket;
    private final Process ownAuditd;
    private final List<List<String>> rules = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    private HostAudit(Path dir, long savedEnabled, String savedRules, Path log, Path socket, Process ownAuditd) {
        this.dir = dir;
        this.savedEnabled = savedEnabled;
        this.savedRules = savedRules;
        this.log = log;
        this.socket = socket;
        this.ownAuditd = ownAuditd;
    }

    /** @param dir where the own auditd's configuration and log go (the caller deletes it) */
    public static HostAudit open(Path dir) throws Exception {
        return open(dir, false);
    }

    /**
     * @param dir where the own auditd's configuration and log go (the caller deletes it)
     * @param eventSocket whether an auditd of the test's own also offers its events on an af_unix
     *        plugin socket ({@link #socket()}; the running auditd's is not used)
     */
    public static HostAudit open(Path dir, boolean eventSocket) throws Exception {
        assertEquals("root", System.getProperty("user.name"), "tests of the kernel audit need root (CI runs as root)");
        String status = run("auditctl", "-s");
        long enabled = Long.parseLong(field(status, "enabled"));
        String rules = run("auditctl", "-l");
        if (Long.parseLong(field(status, "pid")) > 0) {
            return new HostAudit(dir, enabled, rules, Path.of("/var/log/audit/audit.log"), null, null);
        }
        Path log = dir.resolve("log/audit.log");
        Files.createDirectories(dir.resolve("log"));
        List<String> conf = new ArrayList<>(List.of("local_events = yes", "write_logs = yes",
                "log_file = " + log, "log_format = ENRICHED", "flush = INCREMENTAL_ASYNC", "freq = 1",
                "max_log_file = 100", "num_logs = 2", "max_log_file_action = ROTATE", "space_left = 2",
                "admin_space_left = 1", "disk_full_action = IGNORE", "disk_error_action = IGNORE",
                "q_depth = 2000", "end_of_event_timeout = 2"));
        Path socket = eventSocket ? dir.resolve("events.sock") : null;
        if (socket != null) {
            Path plugins = Files.createDirectories(dir.resolve("plugins.d"));
            conf.add("plugin_dir = " + plugins);
            Files.writeString(plugins.resolve("af_unix.conf"), String.join("\n", "active = yes", "direction = out",
                    "path = builtin_af_unix", "type = builtin", "args = 0600 " + socket, "format = string", ""));
            Files.setPosixFilePermissions(plugins.resolve("af_unix.conf"), PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(dir.resolve("auditd.conf"), String.join("\n", conf) + "\n");
        Files.setPosixFilePermissions(dir.resolve("auditd.conf"), PosixFilePermissions.fromString("rw-------"));
        Process auditd = new ProcessBuilder("auditd", "-n", "-c", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("auditd.out").toFile()).start();
        HostAudit audit = new HostAudit(dir, enabled, rules, log, socket, auditd);
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (Long.parseLong(field(run("auditctl", "-s"), "pid")) != auditd.pid() || !Files.exists(log)
                    || socket != null && !Files.exists(socket)) {
                assertTrue(auditd.isAlive(), "auditd exited: " + Files.readString(dir.resolve("auditd.out")));
                assertTrue(System.currentTimeMillis() < deadline, "auditd did not start within 60 s");
                Thread.sleep(100);
            }
            return audit;
        } catch (Exception | Error e) {
            audit.close();
            throw e;
        }
    }

    /** The audit log auditd writes. */
    public Path log() {
        return log;
    }

    /** The af_unix socket the test's own auditd offers its events on; null without one. */
    public Path socket() {
        return socket;
    }

    /** The rule list as found. */
    public String savedRules() {
        return savedRules;
    }

    /** The rule list now ({@code auditctl -l}). */
    public static String rulesNow() throws Exception {
        return run("auditctl", "-l");
    }

    /** Adds a rule ({@code auditctl -a ...}), removed again by {@link #close()}. */
    public void rule(String... r) throws Exception {
        List<String> args = new ArrayList<>(List.of("auditctl", "-a"));
        args.addAll(List.of(r));
        assertEquals(0, exec(args), "auditctl " + String.join(" ", args));
        rules.add(List.of(r));
    }

    /**
     * Rules with this key, installed by what the test runs (e.g. the agent in a container), are
     * deleted by {@link #close()} too: a test that fails before the agent removed them, or that
     * killed it, still leaves the kernel as it found it.
     */
    public void deleteOnClose(String key) {
        keys.add(key);
    }

    /**
     * Removes the rules added with {@link #rule} so far (a test that leaves the kernel as it found
     * it before the next one runs).
     *
     * @return what could not be removed, empty if all went
     */
    public List<String> removeRules() throws Exception {
        List<String> problems = new ArrayList<>();
        for (List<String> r : rules) {
            List<String> args = new ArrayList<>(List.of("auditctl", "-d"));
            args.addAll(r);
            if (exec(args) != 0) {
                problems.add("could not remove rule " + r);
            }
        }
        rules.clear();
        return problems;
    }

    @Override
    public void close() throws Exception {
        for (String key : keys) {
            exec(List.of("auditctl", "-D", "-k", key));
        }
        List<String> problems = removeRules();
        if (ownAuditd != null) {
            ownAuditd.destroy(); // SIGTERM to the pid we started
            if (!ownAuditd.waitFor(20, TimeUnit.SECONDS)) {
                ownAuditd.destroyForcibly();
                problems.add("auditd did not stop on SIGTERM");
            }
        }
        if (savedEnabled == 0 || savedEnabled == 1) {
            exec(List.of("auditctl", "-e", Long.toString(savedEnabled)));
        }
        assertEquals(savedRules, run("auditctl", "-l"), "audit rules restored");
        assertTrue(problems.isEmpty(), problems.toString());
    }

    private static String field(String status, String name) {
        for (String l : status.split("\n")) {
            if (l.startsWith(name + " ")) {
                return l.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " in " + status);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + s);
        return s;
    }

    private static int exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return p.exitValue();
    }
}
