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
        return new Answers(this, text, () -> text, null);
    }

    /**
     * {@link #answers(String)} that takes the words found from {@code recent} when the same text
     * was scanned lately (the scan is then not repeated).
     */
    public Answers answers(String text, Recent recent) {
        return new Answers(this, text, () -> text, recent);
    }

    /**
     * @param text  the original text
     * @param lower its lower case ({@code toLowerCase(Locale.ROOT)}), asked for only if the text is not all ASCII
     * @return a fresh per-event memo of which keywords the lower case of {@code text} contains
     */
    public Answers answers(String text, java.util.function.Supplier<String> lower) {
        return new Answers(this, text, lower, null);
    }

    /** {@link #answers(String, java.util.function.Supplier)} with {@code recent} as in {@link #answers(String, Recent)}. */
    public Answers answers(String text, java.util.function.Supplier<String> lower, Recent recent) {
        return new Answers(this, text, lower, recent);
    }

    /**
     * The words found in texts scanned lately, by text: a device runs the same command lines and
     * executables again and again (an exec load, health checks, cron jobs), and a scan, a chain of
     * dependent table look-ups per character, was a quarter of judging such a process. A
     * direct-mapped cache: a fixed number of buckets, each the last text (of at most
     * {@code maxLength} characters) that fell into it with its words; a collision replaces it, so a
     * flood of unique texts costs one look-up each and no growth. Answers are those of the index it
     * was last asked for (a new rule set empties it). Not thread-safe: one engine's thread only.
     */
    public static final class Recent {
        private final String[] texts;
        private final long[][] found;
        private final int mask;
        private final int maxLength;
        private KeywordIndex of;

        /** @param buckets a power of two */
        public Recent(int buckets, int maxLength) {
            if (Integer.bitCount(buckets) != 1) {
                throw new IllegalArgumentException("buckets " + buckets + " is not a power of two");
            }
            this.texts = new String[buckets];
            this.found = new long[buckets][];
            this.mask = buckets - 1;
            this.maxLength = maxLength;
        }

        long[] found(KeywordIndex index, String text, java.util.function.Supplier<String> lower) {
            if (index != of) {
                java.util.Arrays.fill(texts, null);
                java.util.Arrays.fill(found, null);
                of = index;
            }
            if (text.length() > maxLength) {
                return index.scan(text, lower);
            }
            int h = text.hashCode();
            int b = (h ^ (h >>> 16)) & mask;
            String t = texts[b];
            if (t != null && (t == text || t.equals(text))) {
                return found[b];
            }
            long[] f = index.scan(text, lower);
            texts[b] = text;
            found[b] = f;
            return f;
        }
    }

    /** The words found in one text: all of them found in one scan, at the first question. */
    public static final class Answers {
        private final KeywordIndex index;
        private final String original;
        private final java.util.function.Supplier<String> lower;
        private final Recent recent;
        /** The words found (shared with {@link Recent}: read only). */
        private long[] present;

        Answers(KeywordIndex index, String original, java.util.function.Supplier<String> lower, Recent recent) {
            this.index = index;
            this.original = original;
            this.lower = lower;
            this.recent = recent;
        }

        public KeywordIndex index() {
            return index;
        }

        /** @return true if the text contains any of these keywords */
        boolean any(int[] ids) {
            long[] p = present;
            if (p == null) {
                p = recent != null ? recent.found(index, original, lower) : index.scan(original, lower);
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
