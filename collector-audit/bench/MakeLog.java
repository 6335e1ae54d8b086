import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a large raw audit log from the corpus: every event of the corpus (records grouped by
 * serial) is written again and again with fresh, increasing serials and timestamps, until the
 * file is at least the requested size. Usage: java MakeLog.java CORPUS_DIR OUT_FILE MEGABYTES
 */
public class MakeLog {
    private static final Pattern HDR = Pattern.compile("msg=audit\\((\\d+)\\.(\\d{3}):(\\d+)\\)");

    public static void main(String[] a) throws IOException {
        Path corpus = Path.of(a[0]);
        long target = Long.parseLong(a[2]) * 1024 * 1024;
        List<List<String>> events = new ArrayList<>();
        try (var files = Files.list(corpus)) {
            for (Path f : files.sorted().toList()) {
                String n = f.toString();
                if (!n.endsWith(".log") && !n.endsWith(".yaml")) {
                    continue;
                }
                Map<String, List<String>> bySerial = new LinkedHashMap<>();
                for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String t = l.stripLeading();
                    if (!(t.startsWith("type=") || t.startsWith("node=")) || t.startsWith("type=EOE")) {
                        continue;
                    }
                    Matcher m = HDR.matcher(t);
                    if (m.find()) {
                        bySerial.computeIfAbsent(m.group(3), k -> new ArrayList<>()).add(t);
                    }
                }
                events.addAll(bySerial.values());
            }
        }
        long serial = 1;
        long millis = 1_700_000_000_000L;
        long written = 0;
        long records = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(a[1])), 1 << 20)) {
            while (written < target) {
                for (List<String> ev : events) {
                    String stamp = "msg=audit(" + (millis / 1000) + "." + String.format("%03d", millis % 1000) + ":" + serial + ")";
                    for (String r : ev) {
                        byte[] b = (HDR.matcher(r).replaceFirst(Matcher.quoteReplacement(stamp)) + "\n").getBytes(StandardCharsets.UTF_8);
                        out.write(b);
                        written += b.length;
                        records++;
                    }
                    serial++;
                    millis += 1;
                }
            }
        }
        System.out.println(a[1] + ": " + written + " bytes, " + records + " records, " + (serial - 1) + " events");
    }
}
