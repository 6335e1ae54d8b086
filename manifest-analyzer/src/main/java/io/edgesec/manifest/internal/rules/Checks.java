package io.edgesec.manifest.internal.rules;

import io.edgesec.manifest.internal.json.JArray;
import io.edgesec.manifest.internal.json.JObject;
import io.edgesec.manifest.internal.json.JsonNode;
import io.edgesec.manifest.internal.model.Placeholders;
import io.edgesec.manifest.internal.model.Truthy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Shared helpers for rules. */
public final class Checks {
    /** Names that suggest a secret (reference IOTE-062). */
    public static final Pattern SECRET_NAME = Pattern.compile("(?i)pass(word)?|secret|token|key|sas|connection.?string|credential|pwd");
    /** Values that look like a secret whatever their name. */
    public static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)SharedAccessKey=|AccountKey=|SharedAccessSignature|-----BEGIN|\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ|^[A-Za-z0-9+/]{40,}={0,2}$");

    private Checks() {
    }

    /** @return the node's text, or null if absent */
    public static String text(JsonNode n) {
        return n == null ? null : n.asText();
    }

    /** @return true if the node is a string equal to {@code value} ignoring case (trimmed) */
    public static boolean is(JsonNode n, String value) {
        return n != null && n.asString() != null && n.asString().trim().equalsIgnoreCase(value);
    }

    /** @return true for the values Newtonsoft turns into bool true */
    public static boolean truthy(JsonNode n) {
        return Truthy.isTrue(n);
    }

    /** @return true if the node is a string holding a template placeholder */
    public static boolean placeholder(JsonNode n) {
        return n != null && n.asString() != null && Placeholders.contains(n.asString());
    }

    /** @return the string items of an array member, as nodes (missing/non-array: empty) */
    public static List<JsonNode> strings(JObject o, String name) {
        List<JsonNode> out = new ArrayList<>();
        JArray a = o == null ? null : o.getArray(name);
        if (a != null) {
            for (JsonNode n : a.items()) {
                if (n.asString() != null) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** Normalises a capability name: upper case, without {@code CAP_}. */
    public static String capability(String s) {
        String c = s.trim().toUpperCase(Locale.ROOT);
        return c.startsWith("CAP_") ? c.substring(4) : c;
    }

    /** @return true for a secret-looking name/value pair whose value is a literal (not a placeholder, not empty) */
    public static boolean literal(String value) {
        return value != null && !value.isBlank() && !Placeholders.contains(value);
    }

    /**
     * Names that mention a secret but denote something about it that is not secret: where it
     * is (passwdPath, keyFile, tokenUrl), what it is called or how it behaves.
     */
    private static final Pattern NOT_A_SECRET_NAME = Pattern.compile(
            "(?i).*(path|file|dir|directory|folder|url|uri|location|name|id|type|enabled|count|length|size|expiry|ttl|version)$");

    /** @return true if name or value suggests a secret */
    public static boolean secretLike(String name, String value) {
        if (value != null && SECRET_VALUE.matcher(value.trim()).find()) {
            return true;
        }
        return name != null && SECRET_NAME.matcher(name).find() && !NOT_A_SECRET_NAME.matcher(name).matches();
    }

    /** @return a value shortened and masked for messages (secrets are never echoed) */
    public static String mask(String v) {
        if (v == null) {
            return "";
        }
        return v.length() <= 4 ? "****" : v.substring(0, 2) + "****(" + v.length() + " chars)";
    }

    /** @return the module name and kind for messages */
    public static String who(io.edgesec.manifest.internal.model.ModuleSpec m) {
        return (m.system() ? "System module '" : "Module '") + m.name() + "'";
    }
}
