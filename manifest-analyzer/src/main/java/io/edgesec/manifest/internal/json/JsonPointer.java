package io.edgesec.manifest.internal.json;

/** RFC 6901 helpers. */
public final class JsonPointer {
    private JsonPointer() {
    }

    /** @return {@code parent + "/" + escaped token} */
    public static String append(String parent, String token) {
        return parent + "/" + escape(token);
    }

    public static String append(String parent, int index) {
        return parent + "/" + index;
    }

    /** Escapes {@code ~} as {@code ~0} and {@code /} as {@code ~1}. */
    public static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }
}
