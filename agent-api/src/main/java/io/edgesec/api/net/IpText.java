package io.edgesec.api.net;

/**
 * IPv4 and IPv6 addresses as text, from their bytes in network order. IPv6 follows RFC 5952:
 * lower-case hex without leading zeros, the longest run of two or more zero groups (the first
 * of equal runs) as {@code ::}, and an IPv4-mapped address as {@code ::ffff:a.b.c.d}.
 */
public final class IpText {
    private IpText() {
    }

    /** @return the dotted text of the 4 bytes at {@code b[at]} */
    public static String ipv4(byte[] b, int at) {
        return (b[at] & 0xFF) + "." + (b[at + 1] & 0xFF) + "." + (b[at + 2] & 0xFF) + "." + (b[at + 3] & 0xFF);
    }

    /** @return the RFC 5952 text of the 16 bytes at {@code b[at]} */
    public static String ipv6(byte[] b, int at) {
        boolean mapped = true;
        for (int i = 0; i < 10 && mapped; i++) {
            mapped = b[at + i] == 0;
        }
        if (mapped && (b[at + 10] & 0xFF) == 0xFF && (b[at + 11] & 0xFF) == 0xFF) {
            return "::ffff:" + ipv4(b, at + 12);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[at + 2 * i] & 0xFF) << 8 | (b[at + 2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /**
     * @return the IPv4 text that an IPv4-mapped IPv6 text carries ({@code ::ffff:10.1.2.3} gives
     *         {@code 10.1.2.3}: a dual-stack socket talking IPv4), else {@code address} as it is
     */
    public static String unmapped(String address) {
        return address.startsWith("::ffff:") && address.indexOf('.') > 0 ? address.substring(7) : address;
    }
}
