package io.edgesec.manifest.internal.model;

/** A manifest could not be read or parsed; names the source, line and column (line 0: no position, e.g. unreadable file). */
public final class ManifestParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final int column;
    private final String reason;

    public ManifestParseException(String source, int line, int column, String reason) {
        super(line > 0 ? source + ": line " + line + ", column " + column + ": " + reason : source + ": " + reason);
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
