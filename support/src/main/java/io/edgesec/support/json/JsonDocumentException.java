package io.edgesec.support.json;

/**
 * A JSON document could not be read: malformed, or beyond its {@link JsonLimits}. The message
 * starts with the 1-based line and column, so an operator can find a bad configuration value.
 */
public final class JsonDocumentException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public JsonDocumentException(String message, int line, int column) {
        super("line " + line + ", column " + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
