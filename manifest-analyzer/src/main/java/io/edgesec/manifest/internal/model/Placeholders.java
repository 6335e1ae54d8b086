package io.edgesec.manifest.internal.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the template placeholders of reference section 1.5 and 3.1: {@code ${VAR}},
 * {@code $VAR} (upper or lower case), {@code ${MODULES.x}}, {@code ${MODULEDIR<..>}},
 * {@code <angle placeholder>}, {@code __DOUBLE_UNDERSCORE} tokens, {@code [$raw]} templating and
 * {@code REPLACE_ME}. A value holding a placeholder is "unknown", never "safe".
 */
public final class Placeholders {
    /** Runtime tokens that look like variables but are real values. */
    private static final Pattern RUNTIME_TOKENS = Pattern.compile("(?i)\\$(upstream|edgeHub|edgeAgent|iothub)\\b");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\$\\{[^}]*}"                     // ${VAR}, ${MODULES.x}, ${MODULEDIR<..>}
            + "|\\$[A-Za-z_][A-Za-z0-9_]*"     // $VAR, $workspace_key
            + "|<[^<>\\s][^<>]*>"              // <Container_Registry>, <CR.Password>
            + "|__[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*_{0,2}" // __AML_REGISTRY_PASSWORD, __SHARED_KEY__
            + "|\\bREPLACE_ME\\b");

    private Placeholders() {
    }

    /** @return true if {@code s} contains a template placeholder anywhere */
    public static boolean contains(String s) {
        return find(s) != null;
    }

    /** @return the first placeholder in {@code s}, or null */
    public static String find(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        String cleaned = RUNTIME_TOKENS.matcher(s).replaceAll("");
        Matcher m = PLACEHOLDER.matcher(cleaned);
        return m.find() ? m.group() : null;
    }

    /** @return true if the whole trimmed value is one placeholder (e.g. {@code $IMAGE}) */
    public static boolean isWhole(String s) {
        if (s == null) {
            return false;
        }
        String t = s.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        String cleaned = RUNTIME_TOKENS.matcher(t).replaceAll("\u0000");
        return PLACEHOLDER.matcher(cleaned).matches();
    }
}
