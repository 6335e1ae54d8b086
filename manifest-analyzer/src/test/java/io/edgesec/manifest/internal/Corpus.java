package io.edgesec.manifest.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds {@code shared/} beside the repository (the corpus and reference files). */
public final class Corpus {
    private Corpus() {
    }

    /** @return the shared folder; fails (never skips) when it is missing */
    public static Path shared() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("shared");
            if (Files.isRegularFile(s.resolve("corpus/manifests/INDEX.tsv"))) {
                return s;
            }
        }
        throw new AssertionError("shared/corpus/manifests not found above " + Path.of("").toAbsolutePath());
    }

    public static Path manifests() {
        return shared().resolve("corpus/manifests");
    }

    /** @return every corpus manifest, sorted */
    public static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(manifests())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** @return INDEX.tsv rows keyed by file name, each a map of column name to value */
    public static Map<String, Map<String, String>> index() throws IOException {
        List<String> lines = Files.readAllLines(manifests().resolve("INDEX.tsv"));
        String[] head = lines.get(0).split("\t");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] cols = l.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < head.length && i < cols.length; i++) {
                row.put(head[i], cols[i]);
            }
            out.put(cols[0], row);
        }
        return out;
    }

    public static List<String> names() throws IOException {
        List<String> n = new ArrayList<>();
        for (Path p : files()) {
            n.add(p.getFileName().toString());
        }
        return n;
    }
}
