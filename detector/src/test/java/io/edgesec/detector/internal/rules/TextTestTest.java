package io.edgesec.detector.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonDocuments;
import io.edgesec.detector.internal.engine.Rules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A pattern tested without the regex engine must answer what {@code Matcher.find()} answers, for
 * every pattern of the built-in rules and for anchored literals, alternatives and escapes, over
 * texts made of their words with line terminators around them ({@code $} matches before one that
 * ends the text).
 */
class TextTestTest {
    private static final String[] TERMINATORS = {"\n", "\r", "\r\n", "\n\n", "\r\r", "\u0085", "\u2028", "\u2029", "\t", ""};

    @Test
    void answersAsTheRegexDoesForTheBuiltinPatterns() throws Exception {
        Set<String> regexes = builtinPatterns();
        assertTrue(regexes.size() > 100, "patterns: " + regexes.size());
        int literal = 0;
        for (String re : regexes) {
            Pattern p = Pattern.compile(RuleFile.nonCapturing(re));
            TextTest t = TextTest.of(p);
            literal += t.literal() ? 1 : 0;
            for (String text : texts(re, new SplittableRandom(re.hashCode()))) {
                assertEquals(p.matcher(text).find(), t.finds(text), "/" + re + "/ on '" + escape(text) + "'");
            }
        }
        // the fields of connection and login rules, executables, e.g. ^Out$, ^(3333|...)$, /(bash|sh|...)$
        assertTrue(literal >= 20, "literal patterns among the built-in ones: " + literal);
    }

    @Test
    void answersAsTheRegexDoesForLiteralForms() {
        String[] res = {"", "^", "$", "^$", "a", "^a", "a$", "^a$", "^Out$", "^tcp$", "/sshd$", "^(3333|3334|5555|7777|14433|9999)$",
            "/(bash|sh|dash|zsh|ksh|ash|mksh)$", "^(/tmp|/dev/shm)/", "docker\\.sock", "a\\$", "a\\\\$", "^\\^x\\.y\\(z\\)$",
            "x(a|)$", "^(|a|ab)$", "(?:a|b)c(?:d)", "^a|b$", "a(?<n>b)", "(?i)^out$", "\\d$", "^a.b$", "^ab*$", "[a]$", "a{2}$",
            "^(a|b", "^\r$", "^a\\s$", "[\\x00-\\x08\\x0e-\\x1f\\x7f]", "[ab]", "[a-c/]", "[a]b]", "[^a]", "[\\s]", "[a\\-z]",
            "[\\x41-\\x43]", "[a-]", "[\\x7f\\x80]", "[a&&b]"};
        for (String re : res) {
            Pattern p;
            try {
                p = Pattern.compile(RuleFile.nonCapturing(re));
            } catch (java.util.regex.PatternSyntaxException e) {
                continue; // not a pattern: a rule file would be refused
            }
            TextTest t = TextTest.of(p);
            for (String text : texts(re, new SplittableRandom(re.hashCode() * 7L))) {
                assertEquals(p.matcher(text).find(), t.finds(text), "/" + re + "/ on '" + escape(text) + "'");
            }
        }
        assertTrue(TextTest.of(Pattern.compile("^(?:3333|5555)$")).literal());
        assertTrue(TextTest.of(Pattern.compile("/(?:bash|sh)$")).literal());
        assertEquals(false, TextTest.of(Pattern.compile("^a|b$")).literal());
        assertEquals(false, TextTest.of(Pattern.compile("(?i)^out$")).literal());
        assertTrue(TextTest.of(Pattern.compile("[\\x00-\\x08\\x0e-\\x1f\\x7f]")).literal());
        assertEquals(false, TextTest.of(Pattern.compile("[a]b]")).literal());
    }

    /** Texts from the pattern's own characters and words, with terminators and other text around them. */
    private static List<String> texts(String re, SplittableRandom r) {
        List<String> pieces = new ArrayList<>();
        for (String w : re.split("[\\^$()|?:\\\\\\[\\]*+{}]+")) {
            if (!w.isEmpty()) {
                pieces.add(w);
                pieces.add(w.substring(0, 1 + r.nextInt(w.length())));
            }
        }
        pieces.addAll(List.of("x", " ", "/", ".", "a", "b", "Out", "out", "tcp", "3333", "bash", "/usr/bin/bash", "\\", "$", "^"));
        pieces.addAll(List.of(TERMINATORS));
        for (char c : new char[] {0, 1, 8, 9, 0x0e, 0x1f, 0x7f, 0x80, 'A', 'C', '-', '&'}) {
            pieces.add(String.valueOf(c));
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < 400; k++) {
            StringBuilder sb = new StringBuilder();
            for (int n = r.nextInt(5); n > 0; n--) {
                sb.append(pieces.get(r.nextInt(pieces.size())));
            }
            if (r.nextInt(3) == 0) {
                sb.append(TERMINATORS[r.nextInt(TERMINATORS.length)]);
            }
            out.add(sb.toString());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> builtinPatterns() throws io.edgesec.support.json.JsonDocumentException {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Object> doc = JsonDocuments.object(Rules.builtinText());
        for (Object o : (List<Object>) doc.get("rules")) {
            Map<String, Object> rule = (Map<String, Object>) o;
            for (String k : List.of("match", "unless", "executable", "notExecutable")) {
                Object v = rule.get(k);
                if (v instanceof String s) {
                    out.add(s);
                } else if (v instanceof List<?> l) {
                    l.forEach(x -> out.add((String) x));
                }
            }
            for (String k : List.of("fields", "notFields")) {
                if (rule.get(k) instanceof Map<?, ?> m) {
                    m.values().forEach(x -> out.add((String) x));
                }
            }
        }
        return out;
    }

    private static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\u0085", "\\u0085").replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }
}
