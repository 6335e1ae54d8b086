package io.edgesec.manifest.internal.json;

import java.util.Collections;
import java.util.List;

/** A JSON array. */
public final class JArray extends JsonNode {
    private final List<JsonNode> items;

    JArray(String text, int start, int end, PointerPath path, List<JsonNode> items) {
        super(text, start, end, path);
        this.items = Collections.unmodifiableList(items);
    }

    @Override
    public Kind kind() {
        return Kind.ARRAY;
    }

    public List<JsonNode> items() {
        return items;
    }

    public int size() {
        return items.size();
    }

    public JsonNode get(int i) {
        return items.get(i);
    }
}
