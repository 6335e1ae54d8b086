package io.edgesec.collector.system.internal.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace the test creates ({@code ip netns add}) and deletes again; firewall
 * commands run inside it with {@code ip netns exec} as argument arrays, so the machine's own
 * firewall is never touched.
 */
public final class NetNs implements AutoCloseable {
    private final String name;

    public NetNs() throws IOException {
        this.name = "edgesec-i11-" + UUID.randomUUID().toString().substring(0, 8);
        run("ip", "netns", "add", name);
    }

    public String name() {
        return name;
    }

    public List<String> prefix() {
        return List.of("/usr/sbin/ip", "netns", "exec", name);
    }

    /** Runs a command inside the namespace; fails the test with its stderr if it fails. */
    public void exec(String... command) throws IOException {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
        argv.addAll(List.of(command));
        run(argv.toArray(String[]::new));
    }

    static void run(String... argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", argv) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        run("ip", "netns", "delete", name);
    }
}
