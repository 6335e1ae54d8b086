package io.edgesec.manifest.internal.json;

/** A string, number, boolean or null. Strings remember their raw literal for offset mapping. */
public final class JScalar extends JsonNode {
    private final Kind kind;
    private final Object value;

    JScalar(String text, int start, int end, PointerPath path, Kind kind, Object value) {
        super(text, start, end, path);
        this.kind = kind;
        this.value = value;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    /** @return String, Long/Double, Boolean or null */
    public Object value() {
        return value;
    }

    /**
     * Maps an index into the decoded string value to the offset in the source text of the
     * character that produced it (escapes such as {@code \"} or {@code \u0041} are accounted
     * for). {@code index == length} maps to the closing quote.
     */
    public int sourceOffsetOf(int index) {
        if (kind != Kind.STRING) {
            throw new IllegalStateException("not a string: " + pointer());
        }
        String text = sourceText();
        int p = start() + 1; // after the opening quote
        int limit = end() - 1;
        int decoded = 0;
        while (p < limit && decoded < index) {
            char c = text.charAt(p);
            if (c == '\\' && p + 1 < limit) {
                char e = text.charAt(p + 1);
                p += (e == 'u') ? 6 : 2;
            } else {
                p++;
            }
            decoded++;
        }
        return Math.min(p, limit);
    }
}
