package io.edgesec.manifest.internal.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a manifest (or the analyzer's configuration) from a file as UTF-8 text, bounded like the
 * parse that follows ({@link ReadLimits#MAX_DOCUMENT_LENGTH}): reading stops one byte past the
 * limit, so that a huge or endless file (a wrong path, {@code /dev/zero}, a pipe) costs at most
 * the limit in memory instead of being read whole before the parser refuses it.
 */
public final class DocumentFiles {
    /**
     * The most bytes a file may have: the document limit, which counts characters, taken as bytes
     * (a manifest is ASCII in practice; so a file is never refused that the parser would take).
     */
    public static final int MAX_BYTES = ReadLimits.MAX_DOCUMENT_LENGTH;

    private DocumentFiles() {
    }

    /**
     * @return the file's text, a byte order mark included
     * @throws FileTooLargeException when the file has more than {@link #MAX_BYTES} bytes
     * @throws java.nio.charset.CharacterCodingException when it is not UTF-8
     */
    public static String read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new FileTooLargeException(file, MAX_BYTES);
        }
        // strict, as Files.readString is: malformed input is an error, not replaced
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
