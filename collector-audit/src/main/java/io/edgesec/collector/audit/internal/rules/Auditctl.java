package io.edgesec.collector.audit.internal.rules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code auditctl} with an argument array (never a shell), with a timeout, and returns its
 * exit code and merged output.
 */
public final class Auditctl {
    /** The result of one run. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final String executable;
    private final long timeoutMillis;
    /** Pids of the auditctl processes this instance started, newest last (bounded). */
    private final java.util.Deque<Long> started = new java.util.ArrayDeque<>();
    private static final int REMEMBERED = 512;

    public Auditctl(String executable, long timeoutMillis) {
        this.executable = executable;
        this.timeoutMillis = timeoutMillis;
    }

    public Auditctl() {
        this("auditctl", 10_000);
    }

    /** @throws IOException if auditctl cannot be started or does not finish in time */
    public Result run(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(args.size() + 1);
        cmd.add(executable);
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        synchronized (started) {
            started.addLast(p.pid());
            if (started.size() > REMEMBERED) {
                started.removeFirst();
            }
        }
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "auditctl-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in " + timeoutMillis + " ms");
            }
            reader.join(1000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", cmd));
        }
        synchronized (out) {
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8).trim());
        }
    }

    /**
     * @return the pids of the auditctl runs of this instance (the records of the rule changes
     *         they made name them: the collector's own changes are not someone else's)
     */
    public java.util.List<Long> startedPids() {
        synchronized (started) {
            return java.util.List.copyOf(started);
        }
    }

    public Result run(String... args) throws IOException {
        return run(List.of(args));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the process ended; what was read is what there is
        }
    }
}
