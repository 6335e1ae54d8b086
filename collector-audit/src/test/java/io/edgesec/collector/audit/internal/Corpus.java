package io.edgesec.collector.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds ../shared/corpus/audit (beside the repository) and reads its raw record lines. */
public final class Corpus {
    private Corpus() {
    }

    public static Path dir() {
        String prop = System.getProperty("edgesec.corpus.audit");
        if (prop != null) {
            return Path.of(prop);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path c = p.resolve("shared/corpus/audit");
            if (Files.isDirectory(c)) {
                return c;
            }
            p = p.getParent();
        }
        throw new AssertionError("shared/corpus/audit not found above " + Path.of("").toAbsolutePath()
                + " (set -Dedgesec.corpus.audit)");
    }

    public static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            List<Path> l = new ArrayList<>(s.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".yaml")).sorted().toList());
            if (l.size() < 19) {
                throw new AssertionError("corpus incomplete: " + l);
            }
            return l;
        }
    }

    /** @return the raw record lines of a corpus file (a .log as is; a .yaml: its indented record lines) */
    public static List<String> recordLines(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        if (f.toString().endsWith(".log")) {
            return lines;
        }
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String t = l.stripLeading();
            if (t.startsWith("type=") || t.startsWith("node=")) {
                out.add(t);
            }
        }
        return out;
    }
}
