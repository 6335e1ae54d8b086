package io.edgesec.manifest.internal.json;

import java.io.IOException;
import java.nio.file.Path;

/** A file was larger than the analyzer reads ({@link DocumentFiles#MAX_BYTES}); it was not read further. */
public final class FileTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    FileTooLargeException(Path file, long limit) {
        this(file.toString(), "too large: more than " + limit + " bytes (" + (limit >> 20) + " MiB), the limit for a file the analyzer reads");
    }

    private FileTooLargeException(String file, String reason) {
        super(file + ": " + reason);
        this.reason = reason;
    }

    /** @return what was wrong, with the limit, without the file (which reports name beside it) */
    public String reason() {
        return reason;
    }
}
