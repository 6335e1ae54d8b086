package io.edgesec.api.event;

import com.fasterxml.jackson.core.SerializableString;
import io.edgesec.json.core.AgentEscapes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A field name with a lone surrogate, escaped here: Jackson writes its quoted form as it is.
 * (Payload keys are the collectors' constants; this is for the odd one built from data.)
 */
final class EscapedName implements SerializableString {
    private final String name;
    private final String quoted;
    private final byte[] quotedUtf8;

    EscapedName(String name) {
        this.name = name;
        String q = AgentEscapes.quoted(name);
        this.quoted = q.substring(1, q.length() - 1);
        this.quotedUtf8 = quoted.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String getValue() {
        return name;
    }

    @Override
    public int charLength() {
        return name.length();
    }

    @Override
    public char[] asQuotedChars() {
        return quoted.toCharArray();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] asQuotedUTF8() {
        return quotedUtf8.clone();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return put(quotedUtf8, buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        char[] chars = quoted.toCharArray();
        if (offset + chars.length > buffer.length) {
            return -1;
        }
        System.arraycopy(chars, 0, buffer, offset, chars.length);
        return chars.length;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        return put(asUnquotedUTF8(), buffer, offset);
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        if (offset + name.length() > buffer.length) {
            return -1;
        }
        name.getChars(0, name.length(), buffer, offset);
        return name.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        out.write(quotedUtf8);
        return quotedUtf8.length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        byte[] b = asUnquotedUTF8();
        out.write(b);
        return b.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return put(quotedUtf8, buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        return put(asUnquotedUTF8(), buffer);
    }

    private static int put(byte[] bytes, byte[] buffer, int offset) {
        if (offset + bytes.length > buffer.length) {
            return -1;
        }
        System.arraycopy(bytes, 0, buffer, offset, bytes.length);
        return bytes.length;
    }

    private static int put(byte[] bytes, ByteBuffer buffer) {
        if (bytes.length > buffer.remaining()) {
            return -1;
        }
        buffer.put(bytes);
        return bytes.length;
    }
}
