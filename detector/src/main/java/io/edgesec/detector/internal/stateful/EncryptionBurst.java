package io.edgesec.detector.internal.stateful;

import io.edgesec.detector.internal.engine.BoundedLru;
import io.edgesec.detector.internal.engine.DetectorSettings;
import io.edgesec.detector.internal.view.EventView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IOTA-028 (the loop half): many files encrypted (openssl enc, gpg -c/-e, ccrypt, zip/7z with a
 * password) by one parent within a minute, as ransomware does. A single encryption is a backup.
 */
final class EncryptionBurst extends OneEventRule {
    private static final java.util.regex.Pattern RE0 = java.util.regex.Pattern.compile("-?aes-\\d+-\\w+|-?chacha20|-?des3?");
    static final int THRESHOLD = 10;
    private static final long WINDOW_MS = 60_000;

    private static final class Burst {
        Instant start;
        int count;
        final List<String> evidence = new ArrayList<>();
    }

    private final BoundedLru<Integer, Burst> byParent;

    EncryptionBurst(DetectorSettings s) {
        super("ProcessCreate");
        byParent = new BoundedLru<>(s.stateCapacity);
    }

    static boolean encrypts(EventView v) {
        String p = v.argv0Base();
        if (!p.startsWith("openssl") && !p.startsWith("gpg") && !p.startsWith("cc") && !p.startsWith("zip") && !p.startsWith("7z")) {
            return false;
        }
        List<String> a = v.argv();
        switch (p) {
            case "openssl" -> {
                return a.size() > 1 && (a.get(1).equals("enc") || RE0.matcher(a.get(1)).matches())
                        && !a.contains("-d") && !a.contains("-base64") && !a.contains("-a") || a.contains("-e") && a.contains("enc");
            }
            case "gpg", "gpg2" -> {
                return (a.contains("-c") || a.contains("--symmetric") || a.contains("-e") || a.contains("--encrypt"))
                        && !a.contains("--decrypt") && !a.contains("-d");
            }
            case "ccrypt", "ccencrypt" -> {
                return !a.contains("-d");
            }
            case "zip", "7z", "7za" -> {
                for (String s : a) {
                    if (s.equals("-P") || s.startsWith("-p") && !s.equals("-p")) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    void judge(EventView v, Raiser raise) {
        if (!encrypts(v)) {
            return;
        }
        Instant t = v.event().timestamp();
        Burst b = byParent.computeIfAbsent(v.ppid(), k -> new Burst());
        if (b.start == null || t.toEpochMilli() - b.start.toEpochMilli() > WINDOW_MS) {
            b.start = t;
            b.count = 0;
            b.evidence.clear();
        }
        b.count++;
        if (b.evidence.size() < 20) {
            b.evidence.add(v.event().id());
        }
        if (b.count >= THRESHOLD) {
            Map<String, String> e = raise.entities(v);
            e.remove("CommandLine");
            e.remove("ProcessId");
            e.put("ParentProcessId", Integer.toString(v.ppid()));
            raise.raise("IOTA-028", e, List.of("ParentProcessId", "User"), b.count
                    + " files encrypted by one parent within a minute, the last: " + v.commandLine(), null,
                    List.copyOf(b.evidence), t);
        }
    }

    @Override
    public long evictions() {
        return byParent.evictions();
    }
}
