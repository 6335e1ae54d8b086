package io.edgesec.detector.internal.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every distinct keyword of the rules in force, numbered, and one automaton (Aho-Corasick) that
 * finds all of them in a text in a single pass. A process event runs dozens of keyword-filtered
 * rules with 150 words between them ({@code /tmp}, {@code curl}, {@code shadow} ...): the
 * command line is scanned once, when a rule first asks, and every rule's question is then a bit
 * test ({@link Answers}). Same answers as {@code text.toLowerCase(Locale.ROOT).contains(word)}:
 * an ASCII text is lower-cased character by character as it is scanned (no copy); any other text
 * is lower-cased first (its length may change) and that is scanned.
 */
public final class KeywordIndex {
    private final String[] words;
    private final Map<String, Integer> ids = new LinkedHashMap<>();
    /** Character classes: the distinct characters of the words get 1..n, every other character 0. */
    private final byte[] asciiClass = new byte[128];
    private final Map<Character, Integer> otherClass = new HashMap<>();
    private final int classes;
    /**
     * The automaton as a full transition table, small enough to stay in cache: entry
     * {@code state * classes + class} holds the next state, with {@link #ENDS} set when words end
     * there.
     */
    private final char[] delta;
    /** Per state, the ids of the words that end there (its own and its fail chain's), or null. */
    private final long[][] output;
    private static final char ENDS = 0x8000;
    /** The words found in any text (the empty word). */
    private final long[] always;
    /** False: the text is scanned as it is (executables), not lower-cased. */
    private final boolean lowerCase;

    KeywordIndex(Collection<String> keywords) {
        this(keywords, true);
    }

    /** @param lowerCase true: answers for the text's lower case; false: for the text as it is */
    KeywordIndex(Collection<String> keywords, boolean lowerCase) {
        this.lowerCase = lowerCase;
        for (String k : keywords) {
            ids.putIfAbsent(k, ids.size());
        }
        words = ids.keySet().toArray(new String[0]);
        int n = 1;
        for (String w : words) {
            for (int i = 0; i < w.length(); i++) {
                char c = w.charAt(i);
                if (classOf(c) == 0) {
                    if (n > 255) {
                        throw new IllegalArgumentException("keywords use more than 255 distinct characters");
                    }
                    if (c < 128) {
                        asciiClass[c] = (byte) n;
                    } else {
                        otherClass.put(c, n);
                    }
                    n++;
                }
            }
        }
        classes = n;
        always = new long[(words.length + 63) >>> 6];
        // the trie: goto function, then fail links breadth first, folded into a full transition table
        List<int[]> trie = new ArrayList<>();
        List<long[]> out = new ArrayList<>();
        trie.add(new int[classes]);
        out.add(null);
        for (int id = 0; id < words.length; id++) {
            String w = words[id];
            if (w.isEmpty()) {
                always[id >>> 6] |= 1L << id;
                continue;
            }
            int s = 0;
            for (int i = 0; i < w.length(); i++) {
                int c = classOf(w.charAt(i));
                if (trie.get(s)[c] == 0) {
                    trie.get(s)[c] = trie.size();
                    trie.add(new int[classes]);
                    out.add(null);
                }
                s = trie.get(s)[c];
            }
            out.set(s, with(out.get(s), id, always.length));
        }
        int states = trie.size();
        if (states >= ENDS || (long) states * classes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("keywords too long together: " + states + " automaton states");
        }
        int[] delta = new int[states * classes];
        int[] fail = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            int t = trie.get(0)[c];
            delta[c] = t;
            if (t != 0) {
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            long[] o = out.get(fail[s]);
            if (o != null) {
                long[] merged = out.get(s) == null ? new long[always.length] : out.get(s);
                for (int k = 0; k < o.length; k++) {
                    merged[k] |= o[k];
                }
                out.set(s, merged);
            }
            for (int c = 0; c < classes; c++) {
                int t = trie.get(s)[c];
                if (t != 0) {
                    fail[t] = delta[fail[s] * classes + c];
                    delta[s * classes + c] = t;
                    queue.add(t);
                } else {
                    delta[s * classes + c] = delta[fail[s] * classes + c];
                }
            }
        }
        output = out.toArray(new long[0][]);
        this.delta = new char[delta.length];
        for (int e = 0; e < delta.length; e++) {
            this.delta[e] = (char) (delta[e] | (output[delta[e]] != null ? ENDS : 0));
        }
    }

    private static long[] with(long[] set, int id, int longs) {
        long[] s = set == null ? new long[longs] : set;
        s[id >>> 6] |= 1L << id;
        return s;
    }

    private int classOf(char c) {
        if (c < 128) {
            return asciiClass[c] & 0xFF;
        }
        Integer k = otherClass.get(c);
        return k == null ? 0 : k;
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
     * @param lower its lower case ({@code toLowerCase(Locale.ROOT)}), asked for only if the text is not all ASCII
     * @return a fresh per-event memo of which keywords the lower case of {@code text} contains
     */
    public Answers answers(String text, java.util.function.Supplier<String> lower) {
        return new Answers(this, text, lower);
    }

    /** The words found in one text: all of them found in one scan, at the first question. */
    public static final class Answers {
        private final KeywordIndex index;
        private final String original;
        private final java.util.function.Supplier<String> lower;
        private long[] present;

        Answers(KeywordIndex index, String original, java.util.function.Supplier<String> lower) {
            this.index = index;
            this.original = original;
            this.lower = lower;
        }

        public KeywordIndex index() {
            return index;
        }

        /** @return true if the text contains any of these keywords */
        boolean any(int[] ids) {
            long[] p = present;
            if (p == null) {
                p = index.scan(original, lower);
                present = p;
            }
            for (int id : ids) {
                if ((p[id >>> 6] & 1L << id) != 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** @return the ids of the words the lower case of the text contains */
    private long[] scan(String original, java.util.function.Supplier<String> lower) {
        long[] found = always.clone();
        char[] d = delta;
        byte[] ascii = asciiClass;
        int k = classes;
        int s = 0;
        int n = original.length();
        int i = 0;
        for (; i < n; i++) {
            char c = original.charAt(i);
            if (c >= 128) {
                break; // lower-casing may change the length: scan the lower case instead
            }
            if (c >= 'A' && c <= 'Z' && lowerCase) {
                c += 'a' - 'A';
            }
            int t = d[s * k + (ascii[c] & 0xFF)];
            s = t & ~ENDS;
            if (t != s) {
                or(found, output[s]);
            }
        }
        if (i < n) {
            String text = lowerCase ? lower.get() : original;
            s = 0;
            for (int j = 0; j < text.length(); j++) {
                int t = d[s * k + classOf(text.charAt(j))];
                s = t & ~ENDS;
                if (t != s) {
                    or(found, output[s]);
                }
            }
        }
        return found;
    }

    private static void or(long[] into, long[] from) {
        for (int w = 0; w < from.length; w++) {
            into[w] |= from[w];
        }
    }
}
