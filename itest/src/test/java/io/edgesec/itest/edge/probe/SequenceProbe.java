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
 * across restarts, and keeps an exact account of every number in a log it fsyncs:
 * <pre>
 * O &lt;next seq&gt;         opened by the aggregator
 * I &lt;seq&gt; &lt;event Id&gt;   about to submit (written before sink.submit is called)
 * A &lt;seq&gt;              sink.submit returned true: accepted (queued, journaled)
 * R &lt;seq&gt;              sink.submit returned false: refused (counted as dropped by the agent)
 * C                    closed
 * </pre>
 * A number with an {@code I} line and neither {@code A} nor {@code R} was being submitted when
 * the process was killed: whether the agent accepted it is unknown (at most one per kill).
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
            channel.force(false);
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
            channel.force(false);
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
                channel.force(false);
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

    /** @return the highest number the log names (0 if none) */
    static long lastNumber(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long max = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
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
