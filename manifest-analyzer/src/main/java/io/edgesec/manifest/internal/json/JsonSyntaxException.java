package io.edgesec.manifest.internal.json;

/** A JSON text could not be parsed; {@link #offset()} is where (UTF-16 index into the text). */
public final class JsonSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;
    private final String reason;

    public JsonSyntaxException(String reason, int offset) {
        super(reason + " (offset " + offset + ")");
        this.reason = reason;
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }

    /** @return what was wrong, without the position */
    public String reason() {
        return reason;
    }
}
