package io.edgesec.itest.edge;

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
 * A private Docker engine for the container tests: dockerd with the flags that leave the host's
 * network alone ({@code --iptables=false --bridge=none --ip-forward=false}), its own data root,
 * exec root, pid file and socket under a temporary directory; overlay2, or vfs where overlay
 * does not work. {@link #buildImage()} builds edgesec:latest on it with
 * {@code scripts/build-image.sh} (bases from mmdebstrap, nothing pulled). {@link #close()}
 * stops it by its pid and removes what it created.
 */
final class ContainerEngine implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> SYSTEM_PATHS = List.of("/etc/docker", "/run/docker", "/run/containerd", "/run/runc");

    private final Path dir;
    private final Path socket;
    private final Map<String, Boolean> existedBefore = new LinkedHashMap<>();
    private Process process;

    private ContainerEngine() throws IOException {
        for (String p : SYSTEM_PATHS) {
            existedBefore.put(p, Files.exists(Path.of(p)));
        }
        dir = Files.createTempDirectory("edgesec-container-engine");
        socket = dir.resolve("engine.sock");
    }

    static ContainerEngine start() throws Exception {
        ContainerEngine e = new ContainerEngine();
        try {
            if (!e.startWith("overlay2")) {
                e.stopEngine();
                if (!e.startWith("vfs")) {
                    throw new IllegalStateException("dockerd did not start with overlay2 or vfs:\n" + e.tail(e.dir.resolve("engine.log")));
                }
            }
            return e;
        } catch (Exception | Error ex) {
            e.close();
            throw ex;
        }
    }

    Path socket() {
        return socket;
    }

    DockerApi api() {
        return new DockerApi(socket);
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

    private boolean startWith(String driver) throws Exception {
        List<String> cmd = List.of("dockerd", "--iptables=false", "--bridge=none", "--ip-forward=false", "--storage-driver=" + driver,
                "-H", "unix://" + socket, "--data-root", dir.resolve("data-" + driver).toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("docker.pid").toString(), "--config-file", daemonConfig().toString());
        Path log = dir.resolve("engine.log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (Files.exists(socket) && docker(List.of("version"), false).exit() == 0) {
                return true;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("dockerd did not answer within " + START_TIMEOUT + ":\n" + tail(log));
    }

    /**
     * scripts/build-image.sh against this engine: edgesec:latest from launcher/target/edgesec.jar
     * (built by the reactor before this module). Its output goes to build-image.log here.
     */
    void buildImage() throws Exception {
        Path log = dir.resolve("build-image.log");
        ProcessBuilder pb = new ProcessBuilder(EdgeAgent.ROOT.resolve("scripts/build-image.sh").toString())
                .directory(EdgeAgent.ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DOCKER_HOST", "unix://" + socket);
        pb.environment().put("TMPDIR", dir.toString());
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("scripts/build-image.sh did not finish within 20 min:\n" + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("scripts/build-image.sh exited with " + p.exitValue() + ":\n" + tail(log));
        }
    }

    record Result(int exit, String output) {
    }

    /** {@code docker -H <this engine> args...} (argument array); fails with its output unless {@code check} is false. */
    Result docker(List<String> args, boolean check) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", "unix://" + socket));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        if (check && p.exitValue() != 0) {
            throw new IllegalStateException(cmd + " exited with " + p.exitValue() + ": " + out);
        }
        return new Result(p.exitValue(), out);
    }

    String docker(String... args) throws IOException, InterruptedException {
        return docker(List.of(args), true).output();
    }

    private void stopEngine() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        process = null;
        // dockerd's own containerd (its command line names our exec root) stops with it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!processesMentioning(dir.toString()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
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
                    if (new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(marker)) {
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

    private String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (process != null && process.isAlive()) {
                Result ps = docker(List.of("ps", "-aq"), false);
                for (String id : ps.output().split("\\s+")) {
                    if (!id.isBlank()) {
                        docker(List.of("rm", "-f", "-v", id.strip()), false);
                    }
                }
            }
        } finally {
            stopEngine();
            for (ProcessHandle ph : processesMentioning(dir.toString())) {
                ph.destroyForcibly();
            }
            unmountUnder(dir);
            deleteTree(dir);
            for (Map.Entry<String, Boolean> e : existedBefore.entrySet()) {
                if (!e.getValue()) {
                    deleteTree(Path.of(e.getKey()));
                }
            }
        }
    }

    private static void unmountUnder(Path root) throws IOException, InterruptedException {
        List<String> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 1 && f[1].startsWith(root.toString())) {
                mounts.add(f[1]);
            }
        }
        mounts.sort(Comparator.comparingInt(String::length).reversed());
        for (String m : mounts) {
            new ProcessBuilder("umount", "-l", m).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
