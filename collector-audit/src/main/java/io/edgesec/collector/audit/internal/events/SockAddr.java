package io.edgesec.collector.audit.internal.events;

import io.edgesec.api.net.IpText;
import io.edgesec.collector.audit.internal.parse.Hex;
import java.nio.charset.StandardCharsets;

/**
 * A decoded SOCKADDR {@code saddr}: the raw struct sockaddr in hex. The family is the first two
 * bytes in host byte order (0200 = AF_INET on little-endian, 0002 on big-endian), the port is in
 * network order, then the address: IPv4 in bytes 4-7, IPv6 in bytes 8-23 after the flow info.
 */
public final class SockAddr {
    public static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16;

    public final int family;
    /** Dotted IPv4 or RFC 5952 IPv6 text; unix path; null for other families. */
    public final String address;
    /** The port, or -1 if the family has none. */
    public final int port;

    private SockAddr(int family, String address, int port) {
        this.family = family;
        this.address = address;
        this.port = port;
    }

    public boolean isInet() {
        return (family == AF_INET || family == AF_INET6) && address != null;
    }

    /**
     * @param hex          the saddr value
     * @param littleEndian the host byte order (from AUDIT_ARCH); when the family read that way is
     *                     unknown, the other order is tried, so logs of unknown arch still work
     * @return the address, or null if {@code hex} is not hex or too short to hold a family
     */
    public static SockAddr parse(String hex, boolean littleEndian) {
        if (hex == null) {
            return null;
        }
        byte[] text = hex.getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = Hex.decode(text, 0, text.length);
        if (b == null || b.length < 2) {
            return null;
        }
        int le = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
        int be = (b[1] & 0xFF) | (b[0] & 0xFF) << 8;
        int family = littleEndian ? le : be;
        if (!known(family) && known(littleEndian ? be : le)) {
            family = littleEndian ? be : le;
        }
        switch (family) {
            case AF_INET:
                if (b.length < 8) {
                    return new SockAddr(family, null, -1);
                }
                return new SockAddr(family, IpText.ipv4(b, 4), port(b));
            case AF_INET6:
                if (b.length < 24) {
                    return new SockAddr(family, null, -1);
                }
                // an IPv4-mapped address is the IPv4 peer of a dual-stack socket: reported as IPv4
                return new SockAddr(family, IpText.unmapped(IpText.ipv6(b, 8)), port(b));
            case AF_UNIX: {
                if (b.length <= 2) {
                    return new SockAddr(family, "", -1);
                }
                boolean abstractName = b[2] == 0;
                int start = abstractName ? 3 : 2;
                int end = start;
                while (end < b.length && b[end] != 0) {
                    end++;
                }
                String path = new String(b, start, end - start, StandardCharsets.UTF_8);
                return new SockAddr(family, abstractName ? "@" + path : path, -1);
            }
            default:
                return new SockAddr(family, null, -1);
        }
    }

    private static boolean known(int family) {
        return family == AF_UNIX || family == AF_INET || family == AF_INET6 || family == AF_NETLINK;
    }

    private static int port(byte[] b) {
        return (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    @Override
    public String toString() {
        return "family " + family + " " + address + (port >= 0 ? ":" + port : "");
    }
}
