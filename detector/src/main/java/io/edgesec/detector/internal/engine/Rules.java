package io.edgesec.detector.internal.engine;

import io.edgesec.detector.internal.rules.RuleFile;
import io.edgesec.detector.internal.rules.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the rules in force: the built-in file from this jar, then each file of
 * {@code ruleFiles} in order, then the {@code rules} text of the configuration (the twin can
 * carry it); later ones override earlier ones by rule {@code id}.
 */
public final class Rules {
    static final String BUILTIN = "/io/edgesec/detector/rules/builtin-rules.json";
    private static final long MAX_FILE = 4L << 20;

    private Rules() {
    }

    public static String builtinText() {
        try (InputStream in = Rules.class.getResourceAsStream(BUILTIN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in rule file " + BUILTIN + " is missing from the detector jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in rule file: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the file, rule and field that is wrong */
    public static RuleSet load(DetectorSettings s) {
        List<RuleFile> files = new ArrayList<>();
        files.add(RuleFile.parse("built-in rules", builtinText()));
        for (String f : s.ruleFiles) {
            Path p = Path.of(f);
            try {
                if (Files.size(p) > MAX_FILE) {
                    throw new IllegalArgumentException("ruleFiles: " + f + " is larger than " + MAX_FILE + " bytes");
                }
                files.add(RuleFile.parse(f, Files.readString(p, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalArgumentException("ruleFiles: cannot read " + f + ": " + e);
            }
        }
        if (!s.rules.isBlank()) {
            if (s.rules.length() > MAX_FILE) {
                throw new IllegalArgumentException("rules: longer than " + MAX_FILE + " characters");
            }
            files.add(RuleFile.parse("configuration 'rules'", s.rules));
        }
        return new RuleSet(files);
    }
}
