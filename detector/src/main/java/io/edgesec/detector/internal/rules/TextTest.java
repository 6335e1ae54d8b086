package io.edgesec.detector.internal.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code pattern.matcher(text).find()}, without the regex engine when the pattern is only literal
 * text: {@code ^Out$}, {@code ^(3333|5555|7777)$}, {@code /(bash|sh|dash)$}, {@code ^/tmp/},
 * {@code docker\.sock}; or one character class, {@code [\x00-\x08\x7f]}. Rule conditions on fields and executables are mostly of that form and
 * run on every connection and process event; a matcher costs an allocation and a search for
 * each. The answer is the regex's exactly, {@code $}'s line terminators included; any pattern of
 * another form (classes, quantifiers, flags, nested or several groups) is left to the regex.
 */
abstract class TextTest {
    /** @return true if the pattern finds a match in the text */
    abstract boolean finds(String text);

    static TextTest of(Pattern p) {
        TextTest t = p.flags() == 0 ? Literal.parse(p.pattern()) : null;
        if (t == null && p.flags() == 0) {
            t = AnyOf.parse(p.pattern());
        }
        return t != null ? t : new Regex(p);
    }

    static TextTest[] of(List<Pattern> ps) {
        TextTest[] out = new TextTest[ps.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = of(ps.get(k));
        }
        return out;
    }

    /** @return true if this test needs no regex (for tests and documentation) */
    boolean literal() {
        return !(this instanceof Regex);
    }

    private static final class Regex extends TextTest {
        private final Pattern pattern;

        Regex(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        boolean finds(String text) {
            return pattern.matcher(text).find();
        }
    }

    /** {@code ^?} literal text with at most one {@code (?:a|b|...)} of literal alternatives {@code $?}. */
    private static final class Literal extends TextTest {
        private final boolean start;
        private final boolean end;
        /** Every text the pattern can match, the group's alternatives expanded. */
        private final String[] words;
        /** The same, for an anchored pattern with many alternatives. */
        private final Set<String> wordSet;

        private Literal(boolean start, boolean end, List<String> words) {
            this.start = start;
            this.end = end;
            this.words = words.toArray(new String[0]);
            this.wordSet = start && end && words.size() > 4 ? new HashSet<>(words) : null;
        }

        static Literal parse(String re) {
            int from = 0;
            int to = re.length();
            boolean start = to > 0 && re.charAt(0) == '^';
            if (start) {
                from = 1;
            }
            boolean end = to > from && re.charAt(to - 1) == '$' && !escaped(re, to - 1);
            if (end) {
                to--;
            }
            StringBuilder prefix = new StringBuilder();
            StringBuilder suffix = new StringBuilder();
            List<String> alternatives = null;
            for (int i = from; i < to; i++) {
                char c = re.charAt(i);
                StringBuilder into = alternatives == null ? prefix : suffix;
                if (c == '(') {
                    if (alternatives != null || !re.startsWith("(?:", i)) {
                        return null; // a second group, or a named, flag or look-around group
                    }
                    alternatives = new ArrayList<>();
                    StringBuilder alt = new StringBuilder();
                    for (i += 3; i < to; i++) {
                        c = re.charAt(i);
                        if (c == ')') {
                            break;
                        }
                        if (c == '|') {
                            alternatives.add(alt.toString());
                            alt.setLength(0);
                        } else if (c == '\\') {
                            if (i + 1 >= to || !literalEscape(re.charAt(i + 1))) {
                                return null;
                            }
                            alt.append(re.charAt(++i));
                        } else if (plain(c)) {
                            alt.append(c);
                        } else {
                            return null;
                        }
                    }
                    if (i >= to) {
                        return null; // unclosed
                    }
                    alternatives.add(alt.toString());
                } else if (c == '\\') {
                    if (i + 1 >= to || !literalEscape(re.charAt(i + 1))) {
                        return null;
                    }
                    into.append(re.charAt(++i));
                } else if (plain(c)) {
                    into.append(c);
                } else {
                    return null;
                }
            }
            List<String> words = new ArrayList<>();
            if (alternatives == null) {
                words.add(prefix.toString());
            } else {
                for (String a : alternatives) {
                    words.add(prefix + a + suffix);
                }
            }
            return new Literal(start, end, words);
        }

        /** A printable ASCII character that stands for itself outside a class. */
        private static boolean plain(char c) {
            return c >= 0x20 && c < 0x7f && "\\^$.|?*+()[]{}".indexOf(c) < 0;
        }

        /** {@code \c} stands for c when c is printable ASCII and neither a letter nor a digit (those are classes, references, quotes). */
        private static boolean literalEscape(char c) {
            return c >= 0x20 && c < 0x7f && !Character.isLetterOrDigit(c);
        }

        private static boolean escaped(String re, int at) {
            int backslashes = 0;
            for (int i = at - 1; i >= 0 && re.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            return backslashes % 2 == 1;
        }

        @Override
        boolean finds(String s) {
            if (wordSet != null) {
                int n = s.length();
                return wordSet.contains(s) || n >= 1 && dollarAt(s, n - 1) && wordSet.contains(s.substring(0, n - 1))
                        || n >= 2 && dollarAt(s, n - 2) && wordSet.contains(s.substring(0, n - 2));
            }
            for (String w : words) {
                if (start) {
                    if (s.startsWith(w) && (!end || dollarAt(s, w.length()))) {
                        return true;
                    }
                } else if (end) {
                    for (int p = s.length() - w.length(); p >= 0 && p >= s.length() - w.length() - 2; p--) {
                        if (s.startsWith(w, p) && dollarAt(s, p + w.length())) {
                            return true;
                        }
                    }
                } else if (s.contains(w)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether {@code $} (no MULTILINE) matches at {@code i}: at the end of the text, or before
         * a line terminator that ends it (CR LF, or one of LF, CR, U+0085, U+2028, U+2029,
         * but not between CR and LF), as {@code java.util.regex.Pattern.Dollar} decides.
         */
        static boolean dollarAt(String s, int i) {
            int n = s.length();
            if (i == n) {
                return true;
            }
            if (i == n - 2) {
                return s.charAt(i) == '\r' && s.charAt(i + 1) == '\n';
            }
            if (i == n - 1) {
                char c = s.charAt(i);
                if (c == '\n') {
                    return i == 0 || s.charAt(i - 1) != '\r';
                }
                return c == '\r' || c == '\u0085' || (c | 1) == '\u2029';
            }
            return false;
        }
    }

    /** One character class of ASCII characters and ranges, {@code [\x00-\x08\x0e-\x1f\x7f]}: a loop over the text. */
    private static final class AnyOf extends TextTest {
        private final boolean[] ascii;

        private AnyOf(boolean[] ascii) {
            this.ascii = ascii;
        }

        static AnyOf parse(String re) {
            int n = re.length();
            if (n < 3 || re.charAt(0) != '[' || re.charAt(n - 1) != ']' || re.charAt(1) == '^') {
                return null;
            }
            boolean[] set = new boolean[128];
            int[] at = {1};
            while (at[0] < n - 1) {
                int lo = classChar(re, at, n - 1);
                if (lo < 0) {
                    return null;
                }
                int hi = lo;
                if (at[0] < n - 2 && re.charAt(at[0]) == '-') {
                    at[0]++;
                    hi = classChar(re, at, n - 1);
                    if (hi < lo) {
                        return null;
                    }
                }
                for (int c = lo; c <= hi; c++) {
                    set[c] = true;
                }
            }
            return new AnyOf(set);
        }

        /** @return the ASCII character at {@code at[0]} ({@code \xHH}, an escaped symbol or a plain one), advancing; -1 if another form */
        private static int classChar(String re, int[] at, int end) {
            int i = at[0];
            char c = re.charAt(i);
            if (c == '\\') {
                if (i + 3 < end && re.charAt(i + 1) == 'x' && hex(re.charAt(i + 2)) >= 0 && hex(re.charAt(i + 3)) >= 0) {
                    int v = hex(re.charAt(i + 2)) * 16 + hex(re.charAt(i + 3));
                    at[0] = i + 4;
                    return v < 128 ? v : -1;
                }
                if (i + 1 < end && Literal.literalEscape(re.charAt(i + 1))) {
                    at[0] = i + 2;
                    return re.charAt(i + 1);
                }
                return -1;
            }
            if (c < 0x20 || c >= 0x7f || c == '[' || c == ']' || c == '&' || c == '-' || c == '^') {
                return -1; // nested classes, intersections, and characters whose meaning depends on place
            }
            at[0] = i + 1;
            return c;
        }

        private static int hex(char c) {
            return Character.digit(c, 16);
        }

        @Override
        boolean finds(String s) {
            boolean[] set = ascii;
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                if (c < 128 && set[c]) {
                    return true;
                }
            }
            return false;
        }
    }
}
