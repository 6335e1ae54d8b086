package io.edgesec.collector.system.internal.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host tool (iptables-save, nft, rpm) as an argument array, never through a shell, with
 * a time and output bound. A prefix (e.g. {@code ip netns exec NAME}) runs it in another context.
 */
public final class Tool {
    /** The output of one run. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private static final int MAX_OUTPUT = 8 << 20;
    private static final List<String> SEARCH = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/local/bin");
    private final List<String> prefix;
    private final Duration timeout;

    public Tool(List<String> prefix, Duration timeout) {
        this.prefix = List.copyOf(prefix);
        this.timeout = timeout;
    }

    /** @return the absolute path of an executable in the usual system directories, or null */
    public static String find(String name) {
        for (String dir : SEARCH) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    public Result run(List<String> command) throws IOException {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(command);
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            // both pipes drained on threads of their own, so a tool that hangs with its output
            // open is still stopped at the timeout
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread outReader = drain(p.getInputStream(), out, "edgesec-tool-stdout");
            Thread errReader = drain(p.getErrorStream(), err, "edgesec-tool-stderr");
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            outReader.join(timeout.toMillis());
            errReader.join(timeout.toMillis());
            synchronized (out) {
                synchronized (err) {
                    return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command.get(0));
        } finally {
            p.destroyForcibly();
        }
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream out, String name) {
        Thread t = new Thread(() -> copy(in, out), name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[16384];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (out) {
                    if (out.size() + n > MAX_OUTPUT) {
                        break; // bounded: the rest is discarded, the parser sees a truncated dump
                    }
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the process ended or was killed: what was read stays
        }
    }
}
