package io.edgesec.manifest.internal.json;

/**
 * A parsed JSON value with its exact position: {@link #start()} and {@link #end()} are offsets
 * (UTF-16 units) into the text it was parsed from, {@link #pointer()} its RFC 6901 JSON pointer
 * in that document.
 */
public abstract class JsonNode {
    /** The kind of a value. */
    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

    private final String text;
    private final int start;
    private final int end;
    private final PointerPath path;
    /** Offset of the member name when this value is an object member, else -1 (set by the parser). */
    int memberNameStart = -1;

    JsonNode(String text, int start, int end, PointerPath path) {
        this.text = text;
        this.start = start;
        this.end = end;
        this.path = path;
    }

    public abstract Kind kind();

    /** @return the offset of the first character of this value in its text */
    public int start() {
        return start;
    }

    /** @return the offset just after this value */
    public int end() {
        return end;
    }

    /** @return the JSON pointer of this value inside the document it was parsed from */
    public String pointer() {
        return path.toString();
    }

    /** @return the offset of the member name holding this value, or {@link #start()} if none */
    public int regionStart() {
        return memberNameStart >= 0 ? memberNameStart : start;
    }

    /** @return the text this node was parsed from */
    public String sourceText() {
        return text;
    }

    /** @return the source text of this value, exactly as written */
    public String raw() {
        return text.substring(start, end);
    }

    public boolean isObject() {
        return kind() == Kind.OBJECT;
    }

    public boolean isArray() {
        return kind() == Kind.ARRAY;
    }

    public boolean isString() {
        return kind() == Kind.STRING;
    }

    /** @return this node as an object, or null if it is not one */
    public JObject asObject() {
        return this instanceof JObject o ? o : null;
    }

    /** @return this node as an array, or null if it is not one */
    public JArray asArray() {
        return this instanceof JArray a ? a : null;
    }

    /** @return the string value, or null if this is not a string */
    public String asString() {
        return this instanceof JScalar s && s.kind() == Kind.STRING ? (String) s.value() : null;
    }

    /**
     * @return the value as text as a script would see it: a string as is, a number, boolean or
     *         null as its JSON text, an object or array as its raw source
     */
    public String asText() {
        if (this instanceof JScalar s) {
            return s.value() == null ? "null" : String.valueOf(s.value());
        }
        return raw();
    }

    @Override
    public String toString() {
        return pointer() + "=" + raw();
    }
}
