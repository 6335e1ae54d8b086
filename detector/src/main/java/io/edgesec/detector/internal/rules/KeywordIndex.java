package io.edgesec.detector.internal.rules;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every distinct keyword of the rules in force, numbered. A process event runs dozens of
 * keyword-filtered rules, many sharing words ({@code /tmp}, {@code curl}, {@code shadow}): each
 * word is searched in the command line at most once per event, when a rule first asks, and the
 * answer is remembered for the other rules ({@link Answers}). Same answers as
 * {@link String#contains}.
 */
public final class KeywordIndex {
    private final String[] words;
    private final Map<String, Integer> ids = new LinkedHashMap<>();

    KeywordIndex(Collection<String> keywords) {
        for (String k : keywords) {
            ids.putIfAbsent(k, ids.size());
        }
        words = ids.keySet().toArray(new String[0]);
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
        return new Answers(this, text);
    }

    /** What one text contains, each keyword searched at most once. */
    public static final class Answers {
        private final KeywordIndex index;
        private final String text;
        private final long[] known;
        private final long[] present;

        Answers(KeywordIndex index, String text) {
            this.index = index;
            this.text = text;
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
                    if (text.contains(index.words[id])) {
                        present[w] |= bit;
                    }
                }
                if ((present[w] & bit) != 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
