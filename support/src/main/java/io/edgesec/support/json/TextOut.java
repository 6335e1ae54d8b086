package io.edgesec.support.json;

import java.io.Writer;

/**
 * A {@link Writer} that appends to a {@link StringBuilder}: what the generator writes into, since
 * {@link java.io.StringWriter}'s synchronized {@code StringBuffer} costs a lock per write.
 */
public final class TextOut extends Writer {
    private final StringBuilder out;

    public TextOut(StringBuilder out) {
        this.out = out;
    }

    public StringBuilder builder() {
        return out;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
        out.append(cbuf, off, len);
    }

    @Override
    public void write(int c) {
        out.append((char) c);
    }

    @Override
    public void write(String str, int off, int len) {
        out.append(str, off, off + len);
    }

    @Override
    public Writer append(CharSequence csq) {
        out.append(csq);
        return this;
    }

    @Override
    public void flush() {
        // nothing buffered here
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
