package io.edgesec.collector.audit.internal.source;

import io.edgesec.collector.audit.internal.parse.ByteScan;
import java.util.Arrays;

/**
 * Cuts a byte stream into newline-terminated lines without copying complete lines. A partial
 * line at the end of a chunk is kept until the rest arrives. A line longer than {@code maxLine}
 * (a 10 MB line of garbage, say) is not buffered: its bytes are skipped up to the next newline
 * and reported once as an oversized line, so memory stays bounded.
 *
 * <p>Lines are handed on as spans of the caller's buffer (or of the splitter's own partial-line
 * buffer); both are reused once {@link Lines#endOfChunk()} has returned, so a receiver that
 * keeps a line longer must copy it there.
 */
public final class LineSplitter {
    /** Receives complete lines. */
    public interface Lines {
        void line(byte[] buf, int from, int to, long offset, long lineNo);

        /** A line of {@code length} bytes starting at {@code offset} was too long and skipped. */
        void oversized(long offset, long lineNo, long length);

        /**
         * The lines handed on since the last call are about to be overwritten: anything that
         * still refers to their bytes must copy them now.
         */
        default void endOfChunk() {
        }
    }

    private final int maxLine;
    private final Lines out;
    private byte[] partial = new byte[1024];
    private int partialLen;
    private long partialOffset = -1;
    private boolean skipping;
    private long skipStart;
    private long skipped;
    private long lineNo;

    public LineSplitter(int maxLine, Lines out) {
        this.maxLine = maxLine;
        this.out = out;
    }

    /**
     * @param offset the source position of {@code buf[from]}
     */
    public void feed(byte[] buf, int from, int to, long offset) {
        int start = from;
        int i;
        while ((i = ByteScan.indexOf(buf, start, to, (byte) '\n')) >= 0) {
            lineNo++;
            if (skipping) {
                skipped += i - start;
                out.oversized(skipStart, lineNo, skipped);
                skipping = false;
            } else if (partialLen > 0) {
                if (partialLen + (i - start) > maxLine) {
                    out.oversized(partialOffset, lineNo, partialLen + (i - start));
                } else {
                    append(buf, start, i);
                    out.line(partial, 0, partialLen, partialOffset, lineNo);
                }
                partialLen = 0;
            } else {
                out.line(buf, start, i, offset + (start - from), lineNo);
            }
            start = i + 1;
        }
        // before the tail is copied into the partial buffer, which may hold a line just handed on
        out.endOfChunk();
        if (start < to) {
            if (skipping) {
                skipped += to - start;
            } else if (partialLen + (to - start) > maxLine) {
                skipping = true;
                skipStart = partialLen > 0 ? partialOffset : offset + (start - from);
                skipped = partialLen + (to - start);
                partialLen = 0;
            } else {
                if (partialLen == 0) {
                    partialOffset = offset + (start - from);
                }
                append(buf, start, to);
            }
        }
    }

    private void append(byte[] buf, int from, int to) {
        int n = to - from;
        if (partialLen + n > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLen + n));
        }
        System.arraycopy(buf, from, partial, partialLen, n);
        partialLen += n;
    }

    /** @return bytes of an unfinished line held back (not yet passed on) */
    public int pending() {
        return skipping ? 0 : partialLen;
    }

    /** @return the source offset of the held-back partial line, or -1 */
    public long pendingOffset() {
        return partialLen > 0 ? partialOffset : -1;
    }

    /** Passes on a final line that had no newline (end of a file that will not grow). */
    public void finish() {
        if (skipping) {
            lineNo++;
            out.oversized(skipStart, lineNo, skipped);
            skipping = false;
        } else if (partialLen > 0) {
            lineNo++;
            out.line(partial, 0, partialLen, partialOffset, lineNo);
            partialLen = 0;
            out.endOfChunk();
        }
    }

    /** Forgets any partial line (the file was truncated or replaced). */
    public void reset() {
        partialLen = 0;
        skipping = false;
    }

    public long lineNo() {
        return lineNo;
    }

    public void lineNo(long n) {
        lineNo = n;
    }
}
