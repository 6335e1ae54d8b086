package io.edgesec.itest.edge.probe;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A third-party triggered collector written against agent-api alone (the tests pack it into a
 * bundle of its own at run time; it is not part of the product). It pushes a countable stream:
 * one {@value #EVENT} event every {@code intervalMs}, numbered by a sequence that continues
 * across restarts, and keeps an exact account of every number in a log:
 * <pre>
 * O &lt;next seq&gt;         opened by the aggregator
 * I &lt;seq&gt; &lt;event Id&gt;   about to submit (written before sink.submit is called)
 * A &lt;seq&gt;              sink.submit returned true: accepted (queued, journaled)
 * R &lt;seq&gt;              sink.submit returned false: refused (counted as dropped by the agent)
 * C                    closed
 * </pre>
 * A number with an {@code I} line and neither {@code A} nor {@code R} was being submitted when
 * the process was killed: whether the agent accepted it is unknown (at most one per kill).
 *
 * <p>Each line is written (a {@code write} to the file) before the step it records goes on, and
 * that is what makes the account exact: the tests kill the agent's process (SIGTERM, SIGKILL),
 * not the machine, and what a killed process wrote stays in the kernel's page cache, from which
 * the test reads the log. The log is not fsynced: an fsync per event (and one in each open and
 * close) was the probe's own cost inside the hot-swap gap it is used to measure, and its disk
 * writes slowed the agent's own file operations around it (bench/RESULTS.md, 2026-12-07).
 */
public final class SequenceProbe implements TriggeredCollector {
    public static final String EVENT = "SequenceProbe";
    private static final Logger LOG = Logger.getLogger(SequenceProbe.class.getName());

    private final Path file;
    private final long intervalMs;
    private final String bundle;
    private final String version;
    private final Object lock = new Object();
    private FileChannel channel;
    private long next;
    private boolean running;
    private Thread thread;

    public SequenceProbe(Path file, long intervalMs, String bundle, String version) {
        this.file = file;
        this.intervalMs = intervalMs;
        this.bundle = bundle;
        this.version = version;
    }

    @Override
    public void open(EventSink sink) throws IOException {
        synchronized (lock) {
            if (running) {
                return;
            }
            Files.createDirectories(file.getParent());
            next = lastNumber(file) + 1;
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            boolean endsWithNewline = channel.size() == 0 || lastByte(file) == '\n';
            write((endsWithNewline ? "" : "\n") + "O " + next + "\n");
            running = true;
            thread = new Thread(() -> run(sink), "sequence-probe");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run(EventSink sink) {
        try {
            while (emit(sink)) {
                Thread.sleep(intervalMs);
            }
        } catch (InterruptedException e) {
            // closed
        } catch (IOException | RuntimeException e) {
            LOG.severe("sequence probe stopped: " + e);
        }
    }

    /** @return false once closed */
    private boolean emit(EventSink sink) throws IOException {
        synchronized (lock) {
            if (!running) {
                return false;
            }
            long seq = next++;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("Seq", seq);
            p.put("Bundle", bundle);
            p.put("Version", version);
            SecurityEvent e = SecurityEvent.builder(EVENT).category(EventCategory.TRIGGERED).priorityHint(Priority.HIGH)
                    .payload(p).build();
            write("I " + seq + " " + e.id() + "\n");
            boolean accepted = sink.submit(e);
            write((accepted ? "A " : "R ") + seq + "\n");
            return true;
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            if (!running) {
                return;
            }
            running = false;
            try {
                write("C\n");
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            t = thread;
        }
        t.interrupt();
    }

    private void write(String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** How much of the log's end {@link #lastNumber} reads: thousands of lines, a few of them enough. */
    static final int TAIL_BYTES = 64 * 1024;

    /**
     * @return the highest number the log names (0 if none), from its last {@value #TAIL_BYTES}
     *         bytes: numbers only grow along the log, so its last numbered lines hold the highest.
     *         Reading the whole log made each open cost in proportion to everything sent before
     *         (thousands of lines split by a new revision's classes, not yet compiled), inside
     *         the hot-swap gap.
     */
    static long lastNumber(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        String tail;
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            long from = Math.max(0, c.size() - TAIL_BYTES);
            ByteBuffer b = ByteBuffer.allocate((int) (c.size() - from));
            while (b.hasRemaining() && c.read(b, from + b.position()) >= 0) {
                // until the end as it was sized
            }
            tail = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
            if (from > 0) {
                tail = tail.substring(tail.indexOf('\n') + 1); // the first line read may be cut
            }
        }
        long max = 0;
        for (String line : tail.split("\n")) {
            String[] f = line.split(" ");
            if (f.length >= 2 && (f[0].equals("I") || f[0].equals("O"))) {
                try {
                    max = Math.max(max, Long.parseLong(f[1]) - (f[0].equals("O") ? 1 : 0));
                } catch (NumberFormatException torn) {
                    // a line cut by a kill: the numbers before it count
                }
            }
        }
        return max;
    }

    private static int lastByte(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            if (c.size() == 0) {
                return -1;
            }
            ByteBuffer b = ByteBuffer.allocate(1);
            c.read(b, c.size() - 1);
            return b.get(0);
        }
    }
}
