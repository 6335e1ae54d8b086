package io.edgesec.collector.process.internal.ports;

import io.edgesec.api.net.IpText;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses the socket tables of /proc/net. Addresses are hex in host byte order per 32-bit word
 * (the Azure C agent read IPv6 with its IPv4 routine); TIME_WAIT rows have fewer columns; a
 * malformed row is reported to the caller and skipped, never fatal.
 */
public final class ProcNetParser {
    private final ByteOrder hostOrder;

    public ProcNetParser(ByteOrder hostOrder) {
        this.hostOrder = hostOrder;
    }

    /**
     * @param protocol {@code tcp}, {@code tcp6}, {@code udp} or {@code udp6}: which file the text is
     * @param badRow   told the 1-based line number and reason of each row that cannot be parsed
     */
    public List<SocketEntry> parse(String protocol, String text, Consumer<String> badRow) {
        List<SocketEntry> out = new ArrayList<>();
        boolean v6 = protocol.endsWith("6");
        String proto = protocol.startsWith("tcp") ? "tcp" : "udp";
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) { // line 0 is the header
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            try {
                if (f.length < 10) {
                    throw new IllegalArgumentException("only " + f.length + " columns");
                }
                String[] local = splitEndpoint(f[1]);
                String[] remote = splitEndpoint(f[2]);
                out.add(new SocketEntry(proto,
                        decodeAddress(local[0], v6), Integer.parseInt(local[1], 16),
                        decodeAddress(remote[0], v6), Integer.parseInt(remote[1], 16),
                        Integer.parseInt(f[3], 16), Long.parseLong(f[9])));
            } catch (RuntimeException e) {
                badRow.accept(protocol + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static String[] splitEndpoint(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("no ':' in endpoint '" + s + "'");
        }
        return new String[] {s.substring(0, colon), s.substring(colon + 1)};
    }

    /** Decodes an address of 8 (IPv4) or 32 (IPv6) hex digits, word by word in host order. */
    String decodeAddress(String hex, boolean v6) {
        int expected = v6 ? 32 : 8;
        if (hex.length() != expected) {
            throw new IllegalArgumentException("address '" + hex + "' has " + hex.length() + " hex digits, expected " + expected);
        }
        byte[] bytes = new byte[expected / 2];
        for (int word = 0; word < expected / 8; word++) {
            long w = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                int shift = hostOrder == ByteOrder.LITTLE_ENDIAN ? 8 * b : 8 * (3 - b);
                bytes[word * 4 + b] = (byte) (w >>> shift);
            }
        }
        return v6 ? IpText.ipv6(bytes, 0) : IpText.ipv4(bytes, 0);
    }
}
