package io.edgesec.detector.internal.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The split of a command line as the audit collector writes it: quoted arguments unescaped, others as they are. */
class CommandLineTest {
    @Test
    void splitsAsTheCollectorQuotes() {
        assertEquals(List.of("sh", "-c", "echo \"hi\" > /tmp/x", "a\\b"),
                CommandLine.split("sh -c \"echo \\\"hi\\\" > /tmp/x\" \"a\\\\b\""));
        assertEquals(List.of("a\"b", "c"), CommandLine.split("a\"b  c "));
        assertEquals(List.of(), CommandLine.split(""));
        assertEquals(List.of(), CommandLine.split(null));
        assertEquals(List.of("", "x"), CommandLine.split("\"\" x"));
        assertEquals(List.of("unclosed arg"), CommandLine.split("\"unclosed arg"));
    }

    /** The same arguments as the character-by-character reading it replaced, on any text. */
    @Test
    void sameAsReadingCharacterByCharacter() {
        SplittableRandom r = new SplittableRandom(3);
        String alphabet = "ab \"\\/-x";
        for (int t = 0; t < 20_000; t++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(16); k > 0; k--) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String line = sb.toString();
            assertEquals(reference(line), CommandLine.split(line), "'" + line + "'");
        }
    }

    private static List<String> reference(String line) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        StringBuilder sb = new StringBuilder();
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            sb.setLength(0);
            if (line.charAt(i) == '"') {
                i++;
                while (i < n && line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = line.charAt(++i);
                    }
                    sb.append(c);
                    i++;
                }
                i++;
            } else {
                while (i < n && line.charAt(i) != ' ') {
                    sb.append(line.charAt(i++));
                }
            }
            out.add(sb.toString());
        }
        return out;
    }
}
