package io.edgesec.collector.audit.internal.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte in a byte array eight bytes at a time (SWAR: "SIMD within a register"). Audit
 * lines average about 200 bytes; looking for their newline one byte at a time was the largest
 * single cost of reading a log, and JDK 17 has no vectorized indexOf for byte arrays.
 */
public final class ByteScan {
    // little-endian view: the byte at the lowest index is the lowest byte of the long, whatever
    // the CPU's own order, so the first match is the lowest flagged byte
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {
    }

    /** @return the index of the first {@code c} in {@code b[from..to)}, or -1 */
    public static int indexOf(byte[] b, int from, int to, byte c) {
        long pattern = ONES * (c & 0xFF);
        int i = from;
        for (; i <= to - 8; i += 8) {
            long x = (long) LONGS.get(b, i) ^ pattern; // a zero byte where b[k] == c
            // the classic "has a zero byte" test; it can flag a false byte only above a true
            // zero byte (a borrow), so the lowest flagged byte is always the first match
            long zero = (x - ONES) & ~x & HIGHS;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** @return the index of the first {@code c1} or {@code c2} in {@code b[from..to)}, or -1 */
    public static int indexOfEither(byte[] b, int from, int to, byte c1, byte c2) {
        long p1 = ONES * (c1 & 0xFF);
        long p2 = ONES * (c2 & 0xFF);
        int i = from;
        for (; i <= to - 8; i += 8) {
            long w = (long) LONGS.get(b, i);
            long x1 = w ^ p1;
            long x2 = w ^ p2;
            // each term's lowest flagged byte is a true match of its byte, so the lowest of both is the first match
            long zero = ((x1 - ONES) & ~x1 | (x2 - ONES) & ~x2) & HIGHS;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == c1 || c == c2) {
                return i;
            }
        }
        return -1;
    }

    /** @return the index of the first {@code c1}, {@code c2} or {@code c3} in {@code b[from..to)}, or -1 */
    public static int indexOfAny(byte[] b, int from, int to, byte c1, byte c2, byte c3) {
        long p1 = ONES * (c1 & 0xFF);
        long p2 = ONES * (c2 & 0xFF);
        long p3 = ONES * (c3 & 0xFF);
        int i = from;
        for (; i <= to - 8; i += 8) {
            long w = (long) LONGS.get(b, i);
            long x1 = w ^ p1;
            long x2 = w ^ p2;
            long x3 = w ^ p3;
            long zero = ((x1 - ONES) & ~x1 | (x2 - ONES) & ~x2 | (x3 - ONES) & ~x3) & HIGHS;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == c1 || c == c2 || c == c3) {
                return i;
            }
        }
        return -1;
    }
}
