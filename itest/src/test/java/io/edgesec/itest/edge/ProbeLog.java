package io.edgesec.itest.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The sequence probe's account (see SequenceProbe): what it submitted, and what the agent accepted. */
final class ProbeLog {
    /** seq to the Id of the event submitted with it */
    final Map<Long, String> submitted = new TreeMap<>();
    final TreeSet<Long> accepted = new TreeSet<>();
    final TreeSet<Long> refused = new TreeSet<>();
    int opens;
    int closes;
    /** whether the last line is C (closed by the agent or the bundle's stop) */
    boolean closed;

    static ProbeLog read(Path file) throws IOException {
        ProbeLog log = new ProbeLog();
        if (!Files.exists(file)) {
            return log;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] f = line.split(" ");
            if (f.length == 0 || f[0].isEmpty()) {
                continue;
            }
            log.closed = false;
            switch (f[0]) {
                case "O" -> log.opens++;
                case "C" -> {
                    log.closes++;
                    log.closed = true;
                }
                case "I" -> log.submitted.put(Long.parseLong(f[1]), f[2]);
                case "A" -> log.accepted.add(Long.parseLong(f[1]));
                case "R" -> log.refused.add(Long.parseLong(f[1]));
                default -> throw new AssertionError("unexpected line in " + file + ": " + line);
            }
        }
        return log;
    }

    /** Submitted but neither accepted nor refused: the process was killed inside submit. */
    TreeSet<Long> unknown() {
        TreeSet<Long> u = new TreeSet<>(submitted.keySet());
        u.removeAll(accepted);
        u.removeAll(refused);
        return u;
    }

    long maxAccepted() {
        return accepted.isEmpty() ? 0 : accepted.last();
    }
}
