package io.edgesec.detector.internal.view;

import java.util.function.UnaryOperator;

/**
 * A name derived from a text (the base name of an executable, the base name of a command line's
 * argv[0]), remembered for the texts seen lately: a device runs the same executables and command
 * lines again and again, and deriving the name anew cut a fresh string out of each event's copy
 * (its characters searched, copied, then hashed again by every look-up by program name). A
 * repeat costs a hash (computed once per event's string anyway: the process table shares it) and
 * an {@code equals}; the name returned is one string, so later look-ups find its hash cached.
 *
 * <p>Bounded and deterministic: a fixed number of buckets, each the last text (of at most
 * {@code maxLength} characters) that fell into it with its name; a collision replaces it, a longer
 * text is derived each time. The name depends on the text only, so a cached answer is always the
 * one derivation would give. Not thread-safe: one engine's thread only.
 */
public final class RecentNames {
    private final String[] texts;
    private final String[] names;
    private final int mask;
    private final int maxLength;
    private final UnaryOperator<String> derive;

    /** @param buckets a power of two */
    public RecentNames(int buckets, int maxLength, UnaryOperator<String> derive) {
        if (Integer.bitCount(buckets) != 1) {
            throw new IllegalArgumentException("buckets " + buckets + " is not a power of two");
        }
        this.texts = new String[buckets];
        this.names = new String[buckets];
        this.mask = buckets - 1;
        this.maxLength = maxLength;
        this.derive = derive;
    }

    /** @return {@code derive} of text, remembered */
    public String of(String text) {
        if (text.length() > maxLength) {
            return derive.apply(text);
        }
        int h = text.hashCode();
        int b = (h ^ (h >>> 16)) & mask;
        String t = texts[b];
        if (t != null && (t == text || t.equals(text))) {
            return names[b];
        }
        String n = derive.apply(text);
        texts[b] = text;
        names[b] = n;
        return n;
    }
}
