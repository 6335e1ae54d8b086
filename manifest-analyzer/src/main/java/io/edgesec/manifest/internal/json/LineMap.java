package io.edgesec.manifest.internal.json;

import java.util.Arrays;

/** Converts offsets in a text into 1-based line and column (UTF-16 code units). */
public final class LineMap {
    private final int[] lineStarts;

    public LineMap(CharSequence text) {
        int[] starts = new int[64];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        lineStarts = Arrays.copyOf(starts, n);
    }

    /** @return the 1-based line of {@code offset} */
    public int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** @return the 1-based column of {@code offset} */
    public int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }
}
