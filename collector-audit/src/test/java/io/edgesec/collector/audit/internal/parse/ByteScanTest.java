package io.edgesec.collector.audit.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time searches agree with a plain loop at every position and length. */
class ByteScanTest {
    private static int naive(byte[] b, int from, int to, byte... cs) {
        for (int i = from; i < to; i++) {
            for (byte c : cs) {
                if (b[i] == c) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Test
    void agreesWithAPlainLoopOnRandomBytes() {
        Random rnd = new Random(7);
        // few distinct values, high bytes (0x80..0xFF) and zero among them, so matches, near-misses and borrows occur
        byte[] alphabet = {0, 1, '\n', ' ', '=', 0x1D, '"', (byte) 0x80, (byte) 0x8A, (byte) 0xFF, (byte) 0xA0, 'A', 0x0B, 0x09};
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[rnd.nextInt(alphabet.length)];
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
            int to = from + rnd.nextInt(b.length - from + 1);
            byte c1 = alphabet[rnd.nextInt(alphabet.length)];
            byte c2 = alphabet[rnd.nextInt(alphabet.length)];
            byte c3 = alphabet[rnd.nextInt(alphabet.length)];
            String what = java.util.Arrays.toString(b) + " [" + from + "," + to + ") " + c1 + " " + c2 + " " + c3;
            assertEquals(naive(b, from, to, c1), ByteScan.indexOf(b, from, to, c1), what);
            assertEquals(naive(b, from, to, c1, c2), ByteScan.indexOfEither(b, from, to, c1, c2), what);
            assertEquals(naive(b, from, to, c1, c2, c3), ByteScan.indexOfAny(b, from, to, c1, c2, c3), what);
        }
    }

    @Test
    void everyPositionInAWord() {
        for (int len = 0; len <= 24; len++) {
            for (int at = 0; at < len; at++) {
                byte[] b = new byte[len];
                java.util.Arrays.fill(b, (byte) 'x');
                b[at] = '\n';
                if (at + 1 < len) {
                    b[at + 1] = '\n'; // a second match right after must not win
                }
                assertEquals(at, ByteScan.indexOf(b, 0, len, (byte) '\n'));
                assertEquals(at, ByteScan.indexOfEither(b, 0, len, (byte) 'y', (byte) '\n'));
                assertEquals(at, ByteScan.indexOfAny(b, 0, len, (byte) 'y', (byte) 'z', (byte) '\n'));
                assertEquals(-1, ByteScan.indexOf(b, 0, at, (byte) '\n'), "not before from..to");
            }
        }
    }
}
