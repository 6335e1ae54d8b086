package io.edgesec.collector.docker.internal.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private container engine for one test class: dockerd (with the flags that leave the host's
 * network alone) or podman's API service, each with its own data, state and socket under a
 * temporary directory, plus a busybox image imported from busybox-static (nothing is pulled).
 * The one engine helper of the build: itest's container tests use it too (this module's test-jar),
 * as a bare dockerd on the fastest storage driver that works ({@link #startBareDocker}).
 * Everything is driven with the {@code docker} CLI over the engine's socket, with argument
 * arrays. {@link #close()} removes the containers and the image, stops the engine by its pid,
 * ends podman's leftover conmon monitors (found by the temporary directory in their command
 * line) and deletes what the engines created outside the temporary directory, if it was not
 * there before.
 */
public final class TestEngine implements AutoCloseable {
    public enum Kind {
        DOCKER, PODMAN
    }

    public static final String IMAGE = "edgesec-test/busybox:1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Paths dockerd, containerd, runc and podman create at fixed places. */
    private static final List<String> SYSTEM_PATHS = List.of("/etc/docker", "/run/docker", "/run/containerd", "/run/runc",
            "/var/lib/containers", "/run/libpod", "/run/containers", "/run/crun");

    private final Kind kind;
    private final Path dir;
    private final Path socket;
    private final Map<String, Boolean> existedBefore = new LinkedHashMap<>();
    private Process process;
    /** dockerd only: a command it runs under (e.g. {@code ip netns exec NS}) and more arguments. */
    private List<String> prefix = List.of();
    private List<String> extraArgs = List.of();
    /** dockerd only: its storage driver (vfs works everywhere; overlay2 is faster for image builds). */
    private String storageDriver = "vfs";

    private TestEngine(Kind kind) throws IOException {
        this.kind = kind;
        for (String p : SYSTEM_PATHS) {
            existedBefore.put(p, Files.exists(Path.of(p)));
        }
        this.dir = Files.createTempDirectory("edgesec-" + kind.name().toLowerCase());
        this.socket = dir.resolve("engine.sock");
    }

    public static TestEngine start(Kind kind) throws Exception {
        TestEngine e = new TestEngine(kind);
        try {
            e.startEngine();
            e.importImage();
            return e;
        } catch (Exception | Error ex) {
            e.close();
            throw ex;
        }
    }

    /**
     * A dockerd run under {@code prefix} (e.g. {@code nsenter --net=/run/netns/<ns> --}) with {@code extraArgs}
     * after the usual ones (e.g. more {@code -H} listeners); its socket stays the usual one.
     */
    public static TestEngine startDocker(List<String> prefix, List<String> extraArgs) throws Exception {
        TestEngine e = new TestEngine(Kind.DOCKER);
        e.prefix = List.copyOf(prefix);
        e.extraArgs = List.copyOf(extraArgs);
        try {
            e.startEngine();
            e.importImage();
            return e;
        } catch (Exception | Error ex) {
            e.close();
            throw ex;
        }
    }

    /**
     * A dockerd with no image imported, on the first of {@code storageDrivers} it starts with
     * (e.g. overlay2, then vfs where overlay does not work), for tests that build their own image.
     */
    public static TestEngine startBareDocker(List<String> storageDrivers) throws Exception {
        TestEngine e = new TestEngine(Kind.DOCKER);
        try {
            for (String driver : storageDrivers) {
                e.storageDriver = driver;
                if (e.tryStartEngine()) {
                    return e;
                }
                e.stopEngine();
            }
            throw new IllegalStateException("dockerd did not start with any of " + storageDrivers + ":\n"
                    + tail(e.dir.resolve("engine.log")));
        } catch (Exception | Error ex) {
            e.close();
            throw ex;
        }
    }

    /** @return the engine's process id (dockerd's: a prefix such as {@code nsenter} execs it) */
    public long pid() {
        return process.pid();
    }

    public Kind kind() {
        return kind;
    }

    /** @return the engine address, {@code unix:///tmp/.../engine.sock} */
    public String host() {
        return "unix://" + socket;
    }

    public Path dir() {
        return dir;
    }

    /** @return the engine's Unix socket (to bind-mount into a container) */
    public Path socket() {
        return socket;
    }

    /**
     * The engine's own daemon.json: none of the host's settings, and its identity key in its own
     * directory (by default /etc/docker/key.json, in a directory the engine does not own, left behind).
     */
    private Path daemonConfig() throws IOException {
        Path f = dir.resolve("daemon.json");
        Files.writeString(f, "{\"deprecated-key-path\": \"" + dir.resolve("key.json") + "\"}\n");
        return f;
    }

    /** Starts the engine (again, after {@link #stopEngine()}) with the same data and socket. */
    public void startEngine() throws Exception {
        if (!tryStartEngine()) {
            throw new IllegalStateException(kind + " engine exited:\n" + tail(dir.resolve("engine.log")));
        }
    }

    /** @return false if the engine exited before it answered (e.g. a storage driver it cannot use) */
    private boolean tryStartEngine() throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        if (kind == Kind.DOCKER) {
            // a data root per driver: one that failed leaves nothing the next one trips over
            cmd.addAll(List.of("dockerd", "--iptables=false", "--bridge=none", "--ip-forward=false", "--storage-driver=" + storageDriver,
                    "-H", host(), "--data-root", dir.resolve("data-" + storageDriver).toString(), "--exec-root", dir.resolve("exec").toString(),
                    "--pidfile", dir.resolve("docker.pid").toString(), "--config-file", daemonConfig().toString()));
            cmd.addAll(extraArgs);
        } else {
            cmd.addAll(List.of("podman", "--root", dir.resolve("root").toString(), "--runroot", dir.resolve("run").toString(),
                    "--tmpdir", dir.resolve("tmp").toString(), "--storage-driver", "vfs", "--events-backend", "file",
                    "--cgroup-manager", "cgroupfs", "system", "service", "--time=0", host()));
        }
        Path log = dir.resolve("engine.log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                return false;
            }
            if (Files.exists(socket) && run(List.of("version"), false).exit == 0) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(kind + " engine did not answer within " + START_TIMEOUT + ":\n" + tail(log));
            }
            Thread.sleep(200);
        }
    }

    /** Stops the engine process by its pid (SIGTERM, then SIGKILL) and waits for it. */
    public void stopEngine() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        process = null;
        if (kind == Kind.DOCKER) {
            // dockerd's own containerd; it stops with dockerd, wait until it has
            waitForProcessesGone(dir.resolve("exec").toString(), Duration.ofSeconds(30));
        }
    }

    private void importImage() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        for (String applet : List.of("sh", "sleep", "echo", "cat", "ls", "true", "id")) {
            Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Path tar = dir.resolve("rootfs.tar");
        exec(List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."));
        docker("import", tar.toString(), "edgesec-test/busybox:latest");
        // podman's compat import ignores the tag (always :latest); tag explicitly on both engines
        docker("tag", "edgesec-test/busybox:latest", IMAGE);
    }

    /** Runs {@code docker -H <this engine> args...}; fails with its output on a non-zero exit. */
    public String docker(String... args) throws IOException, InterruptedException {
        Result r = run(List.of(args), true);
        return r.output;
    }

    /** Like {@link #docker} but returns the exit code and output without failing. */
    public Result tryDocker(String... args) throws IOException, InterruptedException {
        return run(List.of(args), false);
    }

    /** Like {@link #tryDocker(String...)}, with the arguments as a list. */
    public Result tryDocker(List<String> args) throws IOException, InterruptedException {
        return run(args, false);
    }

    /** The arguments {@code docker run}/{@code create} need on this engine (podman: rlimits this machine can set). */
    public List<String> runDefaults() {
        List<String> a = new ArrayList<>(List.of("--network", "none"));
        if (kind == Kind.PODMAN) {
            a.addAll(List.of("--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"));
        }
        return a;
    }

    public record Result(int exit, String output) {
    }

    private Result run(List<String> args, boolean check) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", host()));
        cmd.addAll(args);
        return exec(cmd, check);
    }

    private static String exec(List<String> cmd) throws IOException, InterruptedException {
        return exec(cmd, true).output;
    }

    private static Result exec(List<String> cmd, boolean check) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // long enough for a docker run of itest's agent image on a loaded machine
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        if (check && p.exitValue() != 0) {
            throw new IllegalStateException(cmd + " exited with " + p.exitValue() + ": " + out);
        }
        return new Result(p.exitValue(), out);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (process != null && process.isAlive()) {
                Result ps = run(List.of("ps", "-aq"), false);
                for (String id : ps.output.split("\\s+")) {
                    if (!id.isBlank()) {
                        run(List.of("rm", "-f", "-v", id.strip()), false);
                    }
                }
                run(List.of("rmi", "-f", IMAGE, "edgesec-test/busybox:latest"), false);
                run(List.of("image", "prune", "-af"), false);
            }
        } finally {
            stopEngine();
            // podman leaves one conmon per exec session waiting for its exit delay
            killProcessesMentioning(dir.toString());
            waitForProcessesGone(dir.toString(), Duration.ofSeconds(30));
            unmountUnder(dir);
            deleteTree(dir);
            for (Map.Entry<String, Boolean> e : existedBefore.entrySet()) {
                if (!e.getValue()) {
                    deleteTree(Path.of(e.getKey()));
                }
            }
        }
    }

    /** Ends (by pid) the processes whose command line names our temporary directory. */
    private static void killProcessesMentioning(String marker) {
        for (ProcessHandle ph : processesMentioning(marker)) {
            ph.destroy();
        }
    }

    private static List<ProcessHandle> processesMentioning(String marker) {
        List<ProcessHandle> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(marker)) {
                        ProcessHandle.of(Long.parseLong(name)).ifPresent(out::add);
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void waitForProcessesGone(String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> left = processesMentioning(marker);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = processesMentioning(marker);
        }
        for (ProcessHandle ph : left) {
            ph.destroyForcibly();
        }
    }

    private static void unmountUnder(Path dir) throws IOException, InterruptedException {
        List<String> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 1 && f[1].startsWith(dir.toString())) {
                mounts.add(f[1]);
            }
        }
        mounts.sort(Comparator.reverseOrder());
        for (String m : mounts) {
            exec(List.of("umount", "-l", m), false);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
