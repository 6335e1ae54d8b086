package io.edgesec.manifest.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is read only up to the document limit: a larger one is refused by name and limit, unread beyond it. */
class DocumentFilesTest {
    @TempDir
    Path tmp;

    /** A JSON document of exactly {@code bytes} bytes: an empty array padded with spaces. */
    private Path document(String name, int bytes) throws IOException {
        return Files.writeString(tmp.resolve(name), "[" + " ".repeat(bytes - 2) + "]");
    }

    @Test
    void aFileOfTheLimitIsReadWholeAndParses() throws Exception {
        Path f = document("limit.json", DocumentFiles.MAX_BYTES);
        String text = DocumentFiles.read(f);
        assertEquals(DocumentFiles.MAX_BYTES, text.length());
        assertEquals(0, JsonTrees.strict(text).asArray().size());
    }

    @Test
    void aFileOneByteLargerIsRefusedNamingTheFileAndTheLimit() throws Exception {
        Path f = document("large.json", DocumentFiles.MAX_BYTES + 1);
        FileTooLargeException e = assertThrows(FileTooLargeException.class, () -> DocumentFiles.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.reason().contains("more than " + DocumentFiles.MAX_BYTES + " bytes (8 MiB)"), e.reason());
    }

    @Test
    void anEndlessFileIsRefusedAfterTheLimitInsteadOfReadForever() {
        // read whole (Files.readString), this would run until the heap is exhausted
        Path endless = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(endless), "needs /dev/zero");
        FileTooLargeException e = assertThrows(FileTooLargeException.class, () -> DocumentFiles.read(endless));
        assertTrue(e.getMessage().startsWith("/dev/zero: too large"), e.getMessage());
    }

    @Test
    void aByteOrderMarkIsKeptAndMalformedUtf8IsAnError() throws Exception {
        Path bom = Files.write(tmp.resolve("bom.json"), "\uFEFF[]".getBytes(StandardCharsets.UTF_8));
        assertEquals("\uFEFF[]", DocumentFiles.read(bom));
        Path latin1 = Files.write(tmp.resolve("latin1.json"), new byte[] {'[', '"', (byte) 0xE9, '"', ']'});
        assertThrows(CharacterCodingException.class, () -> DocumentFiles.read(latin1));
    }
}
