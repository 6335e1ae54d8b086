package io.edgesec.detector.internal.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The named groups of a pattern ({@code (?<RemoteAddress>...)}): they become alert entities. */
final class PatternGroups {
    private static final Pattern GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Map<Pattern, List<String>> CACHE = new ConcurrentHashMap<>();

    private PatternGroups() {
    }

    static List<String> names(Pattern p) {
        return CACHE.computeIfAbsent(p, k -> {
            List<String> out = new ArrayList<>(2);
            Matcher m = GROUP.matcher(k.pattern());
            while (m.find()) {
                out.add(m.group(1));
            }
            return List.copyOf(out);
        });
    }
}
