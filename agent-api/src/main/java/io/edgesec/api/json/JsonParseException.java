package io.edgesec.api.json;

/** A JSON text could not be parsed; carries the 1-based line and column of the problem. */
public final class JsonParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public JsonParseException(String message, int line, int column) {
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
