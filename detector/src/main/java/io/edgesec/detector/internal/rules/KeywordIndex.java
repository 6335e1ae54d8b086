package io.edgesec.detector.internal.rules;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every distinct keyword of the rules in force, numbered. A process event runs dozens of
 * keyword-filtered rules, many sharing words ({@code /tmp}, {@code curl}, {@code shadow}): each
 * word is searched in the command line at most once per event, when a rule first asks, and the
 * answer is remembered for the other rules ({@link Answers}). Same answers as
 * {@link String#contains}. Before searching, a word is checked against the set of character
 * pairs the text has (built in one pass): a word with a pair the text lacks cannot be in it, which
 * is the common case, so most words are never searched at all.
 */
public final class KeywordIndex {
    private static final int PAIR_BITS = 1024;
    private final String[] words;
    /** Per word, the hashes of its character pairs (empty for words of one character or none). */
    private final int[][] pairs;
    private final Map<String, Integer> ids = new LinkedHashMap<>();

    KeywordIndex(Collection<String> keywords) {
        for (String k : keywords) {
            ids.putIfAbsent(k, ids.size());
        }
        words = ids.keySet().toArray(new String[0]);
        pairs = new int[words.length][];
        for (int k = 0; k < words.length; k++) {
            String w = words[k];
            int[] p = new int[Math.max(0, w.length() - 1)];
            for (int i = 0; i < p.length; i++) {
                p[i] = pair(w.charAt(i), w.charAt(i + 1));
            }
            pairs[k] = p;
        }
    }

    private static int pair(char a, char b) {
        return (a * 31 + b) & (PAIR_BITS - 1);
    }

    /** @return the id of a keyword of this index, or -1 */
    int id(String keyword) {
        Integer id = ids.get(keyword);
        return id == null ? -1 : id;
    }

    int size() {
        return words.length;
    }

    /** @return a fresh per-event memo of which keywords a (lower-case) text contains */
    public Answers answers(String text) {
        return new Answers(this, text, () -> text);
    }

    /**
     * @param text  the original text
     * @param lower its lower case ({@code toLowerCase(Locale.ROOT)}), made only if a word may be in it
     * @return a fresh per-event memo of which keywords the lower case of {@code text} contains
     */
    public Answers answers(String text, java.util.function.Supplier<String> lower) {
        return new Answers(this, text, lower);
    }

    /** What one text contains, each keyword searched at most once. */
    public static final class Answers {
        private final KeywordIndex index;
        /** The original text: its character pairs are taken lower-cased, without a copy, when it is ASCII. */
        private final String original;
        private final java.util.function.Supplier<String> lower;
        private String text;
        private final long[] known;
        private final long[] present;
        /** The character pairs of the text, built at the first question. */
        private long[] textPairs;

        Answers(KeywordIndex index, String original, java.util.function.Supplier<String> lower) {
            this.index = index;
            this.original = original;
            this.lower = lower;
            int n = (index.words.length + 63) >>> 6;
            known = new long[n];
            present = new long[n];
        }

        public KeywordIndex index() {
            return index;
        }

        /** @return true if the text contains any of these keywords */
        boolean any(int[] ids) {
            for (int id : ids) {
                int w = id >>> 6;
                long bit = 1L << id;
                if ((known[w] & bit) == 0) {
                    known[w] |= bit;
                    if (mayContain(index.pairs[id]) && lowerText().contains(index.words[id])) {
                        present[w] |= bit;
                    }
                }
                if ((present[w] & bit) != 0) {
                    return true;
                }
            }
            return false;
        }

        /** @return the pairs of the text's lower case, or null if {@code asciiOnly} and it is not all ASCII */
        private static long[] pairsOf(String s, boolean asciiOnly) {
            long[] tp = new long[PAIR_BITS >>> 6];
            int n = s.length();
            char prev = 0;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80 && asciiOnly) {
                    return null;
                }
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                }
                if (i > 0) {
                    int h = pair(prev, c);
                    tp[h >>> 6] |= 1L << h;
                }
                prev = c;
            }
            return tp;
        }

        private String lowerText() {
            String t = text;
            if (t == null) {
                t = lower.get();
                text = t;
            }
            return t;
        }

        private boolean mayContain(int[] wordPairs) {
            long[] tp = textPairs;
            if (tp == null) {
                tp = pairsOf(original, true);
                if (tp == null) {
                    tp = pairsOf(lowerText(), false); // not ASCII: lower-casing may change its length
                }
                textPairs = tp;
            }
            for (int h : wordPairs) {
                if ((tp[h >>> 6] & 1L << h) == 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
