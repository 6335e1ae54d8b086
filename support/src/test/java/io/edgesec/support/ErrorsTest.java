package io.edgesec.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    @Test
    void namesTheExceptionAndItsRootCause() {
        Exception e = new IllegalStateException("install failed",
                new UncheckedIOException("read", new IOException("connection reset")));
        assertEquals("IllegalStateException: install failed (IOException: connection reset)", Errors.describe(e));
    }

    @Test
    void withoutCauseOrMessageJustTheType() {
        assertEquals("NullPointerException", Errors.describe(new NullPointerException()));
    }
}
