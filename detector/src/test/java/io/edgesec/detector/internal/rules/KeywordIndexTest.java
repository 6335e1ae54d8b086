package io.edgesec.detector.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgesec.detector.internal.engine.DetectorSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The keyword memo must answer exactly what String.contains says on the lower case, whatever the
 * order of questions, for ASCII and other text (U+0130 lower-cases to two characters).
 */
class KeywordIndexTest {
    private static final String ALPHABET = "ab/-. xc1AB\u0130\u00e9";

    @Test
    void answersAsContainsDoes() {
        SplittableRandom r = new SplittableRandom(7);
        List<String> words = new ArrayList<>(List.of("", "a", "/", "-c", "ab", "b/x", "/dev/tcp", "aaa", "c1.", " x"));
        for (int k = 0; k < 40; k++) {
            words.add(random(r, 1 + r.nextInt(5)));
        }
        KeywordIndex index = new KeywordIndex(words);
        for (int t = 0; t < 2000; t++) {
            String original = random(r, r.nextInt(40));
            String text = original.toLowerCase(java.util.Locale.ROOT);
            KeywordIndex.Answers a = t % 2 == 0 ? index.answers(text) : index.answers(original, () -> text);
            for (int q = 0; q < 30; q++) {
                String w = words.get(r.nextInt(words.size()));
                int id = index.id(w);
                assertEquals(text.contains(w), a.any(new int[] {id}), "'" + w + "' in '" + text + "'");
            }
            String u = words.get(r.nextInt(words.size()));
            String v = words.get(r.nextInt(words.size()));
            assertEquals(text.contains(u) || text.contains(v), index.answers(original, () -> text).any(new int[] {index.id(u), index.id(v)}),
                    "'" + u + "' or '" + v + "' in '" + text + "'");
        }
    }

    /**
     * Answers taken from the recent scans are those of a scan: texts that repeat, texts that fall
     * into the same bucket (4 buckets for 60 texts), texts longer than the cached length, and a
     * second index (a new rule set) asked through the same cache.
     */
    @Test
    void recentScansAnswerAsAScanDoes() {
        SplittableRandom r = new SplittableRandom(13);
        List<String> words = new ArrayList<>(List.of("a", "/", "-c", "ab", "b/x", "/dev/tcp", "aaa", "c1.", " x"));
        for (int k = 0; k < 40; k++) {
            words.add(random(r, 1 + r.nextInt(5)));
        }
        KeywordIndex first = new KeywordIndex(words);
        KeywordIndex second = new KeywordIndex(words.subList(0, 20));
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            texts.add(random(r, r.nextInt(40)));
        }
        KeywordIndex.Recent recent = new KeywordIndex.Recent(4, 30);
        for (int t = 0; t < 5000; t++) {
            KeywordIndex index = (t / 500) % 2 == 0 ? first : second;
            String original = texts.get(r.nextInt(texts.size()));
            String text = original.toLowerCase(java.util.Locale.ROOT);
            // a fresh copy now and then: equal texts, not the same object
            String asked = t % 3 == 0 ? new String(original.toCharArray()) : original;
            KeywordIndex.Answers a = index.answers(asked, () -> text, recent);
            String w = words.get(r.nextInt(index == first ? words.size() : 20));
            assertEquals(text.contains(w), a.any(new int[] {index.id(w)}), "'" + w + "' in '" + text + "'");
        }
    }

    /** Words inside words and sharing prefixes and suffixes (the automaton's fail links), more than 64 and 128 words. */
    @Test
    void overlappingWordsInLongTexts() {
        SplittableRandom r = new SplittableRandom(11);
        List<String> words = new ArrayList<>(List.of("/dev/tcp/", "dev", "/tcp/", "tcp", "cp", "p", "xmrig", "mrig", "rig",
                "xmr-stak", "stratum+", "tratum", "um+t", "--donate-level", "donate", "-level", "shadow", "/etc/shadow", "adow",
                "\u00e9t\u00e9", "t\u00e9"));
        String fragments = "/dev/tcp/10.0.0.5/4444 XMRig --DONATE-level STRATUM+tcp:// /etc/Shadow \u00c9T\u00c9 caf\u00e9 ";
        for (int k = 0; k < 200; k++) {
            int from = r.nextInt(fragments.length() - 1);
            words.add(fragments.substring(from, Math.min(fragments.length(), from + 1 + r.nextInt(9)))
                    .toLowerCase(java.util.Locale.ROOT));
        }
        KeywordIndex index = new KeywordIndex(words);
        for (int t = 0; t < 3000; t++) {
            StringBuilder sb = new StringBuilder();
            for (int f = r.nextInt(12); f > 0; f--) {
                int from = r.nextInt(fragments.length() - 1);
                sb.append(fragments, from, Math.min(fragments.length(), from + 1 + r.nextInt(20)));
            }
            String original = sb.toString();
            String text = original.toLowerCase(java.util.Locale.ROOT);
            KeywordIndex.Answers a = index.answers(original, () -> text);
            for (String w : words) {
                assertEquals(text.contains(w), a.any(new int[] {index.id(w)}), "'" + w + "' in '" + text + "'");
            }
        }
    }

    /** The executables' index: the text as it is, upper case and non-ASCII included. */
    @Test
    void caseSensitiveAnswersAsContainsDoes() {
        SplittableRandom r = new SplittableRandom(5);
        List<String> words = new ArrayList<>(List.of("/tmp/", "/dev/shm/", "/.", " ", "A", "ab", "\u0130"));
        for (int k = 0; k < 80; k++) {
            words.add(random(r, 1 + r.nextInt(4)));
        }
        KeywordIndex index = new KeywordIndex(words, false);
        for (int t = 0; t < 3000; t++) {
            String text = t % 3 == 0 ? "/tmp/" + random(r, r.nextInt(20)) : random(r, r.nextInt(30));
            KeywordIndex.Answers a = index.answers(text);
            for (String w : words) {
                assertEquals(text.contains(w), a.any(new int[] {index.id(w)}), "'" + w + "' in '" + text + "'");
            }
        }
    }

    @Test
    void everyBuiltinKeywordIsIndexed() {
        RuleSet rules = io.edgesec.detector.internal.engine.Rules.load(DetectorSettings.defaults());
        assertEquals(true, rules.keywordCount() > 50, "keywords: " + rules.keywordCount());
    }

    private static String random(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
