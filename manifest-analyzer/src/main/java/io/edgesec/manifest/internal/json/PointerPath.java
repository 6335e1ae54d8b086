package io.edgesec.manifest.internal.json;

/**
 * A value's place as its parent's place and a member name or index; the JSON pointer text is
 * made on first use. Most values' pointers are never asked for, and building each as text
 * while parsing would copy every parent's pointer once per child.
 */
final class PointerPath {
    static final PointerPath ROOT = new PointerPath(null, null, -1, "");

    private final PointerPath parent;
    private final String name;
    private final int index;
    private String text; // a benign race: any thread computes the same string

    private PointerPath(PointerPath parent, String name, int index, String text) {
        this.parent = parent;
        this.name = name;
        this.index = index;
        this.text = text;
    }

    /** A place given as pointer text (a value that is not in any parsed text). */
    static PointerPath of(String pointer) {
        return new PointerPath(null, null, -1, pointer);
    }

    PointerPath member(String memberName) {
        return new PointerPath(this, memberName, -1, null);
    }

    PointerPath item(int itemIndex) {
        return new PointerPath(this, null, itemIndex, null);
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = name != null ? JsonPointer.append(parent.toString(), name) : JsonPointer.append(parent.toString(), index);
            text = t;
        }
        return t;
    }
}
