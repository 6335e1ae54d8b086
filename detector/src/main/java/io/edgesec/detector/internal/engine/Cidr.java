package io.edgesec.detector.internal.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;

/**
 * An address range ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, a single address), optionally with
 * ports ({@code 10.0.0.0/8:443,8883}; IPv6 with ports as {@code [2001:db8::/32]:443}). Parsed from
 * literals only: never a name lookup.
 */
public final class Cidr {
    private final byte[] network;
    private final int bits;
    private final Set<Integer> ports;

    private Cidr(byte[] network, int bits, Set<Integer> ports) {
        this.network = network;
        this.bits = bits;
        this.ports = ports;
    }

    public static Cidr parse(String key, String s) {
        return parse(key, s, false);
    }

    public static Cidr parseDestination(String key, String s) {
        return parse(key, s, true);
    }

    private static Cidr parse(String key, String s, boolean withPorts) {
        String addr = s.trim();
        Set<Integer> ports = new HashSet<>();
        if (withPorts) {
            int portSep = -1;
            if (addr.startsWith("[")) {
                int close = addr.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException(key + ": '" + s + "' has no closing ]");
                }
                portSep = addr.length() > close + 1 && addr.charAt(close + 1) == ':' ? close + 1 : -1;
                String inner = addr.substring(1, close);
                if (portSep > 0) {
                    ports(key, s, addr.substring(portSep + 1), ports);
                }
                addr = inner;
            } else if (addr.indexOf(':') == addr.lastIndexOf(':') && addr.indexOf(':') > 0) {
                portSep = addr.indexOf(':');
                ports(key, s, addr.substring(portSep + 1), ports);
                addr = addr.substring(0, portSep);
            }
        }
        int slash = addr.indexOf('/');
        String ip = slash < 0 ? addr : addr.substring(0, slash);
        if (ip.equals("*")) {
            return new Cidr(new byte[0], 0, ports);
        }
        if (!isLiteral(ip)) {
            throw new IllegalArgumentException(key + ": '" + s + "' is not an IP address or range (no host names)");
        }
        byte[] b;
        try {
            b = InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(key + ": '" + s + "' is not an IP address or range");
        }
        int bits = b.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(addr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": '" + s + "' has a bad prefix length");
            }
            if (bits < 0 || bits > b.length * 8) {
                throw new IllegalArgumentException(key + ": '" + s + "' has a prefix length outside 0.." + b.length * 8);
            }
        }
        return new Cidr(b, bits, ports);
    }

    private static void ports(String key, String s, String list, Set<Integer> out) {
        for (String p : list.split(",")) {
            try {
                int n = Integer.parseInt(p.trim());
                if (n < 0 || n > 65535) {
                    throw new NumberFormatException();
                }
                out.add(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": '" + s + "' has a bad port '" + p + "'");
            }
        }
    }

    /** @return true if the address literal is in range (and the port listed, when ports are given) */
    public boolean contains(String address, int port) {
        if (!ports.isEmpty() && !ports.contains(port)) {
            return false;
        }
        if (network.length == 0) {
            return true;
        }
        byte[] a = literal(address);
        if (a == null) {
            return false;
        }
        if (a.length == 16 && network.length == 4 && isMapped(a)) {
            a = java.util.Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static boolean isMapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    static byte[] literal(String s) {
        if (s == null || !isLiteral(s)) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An IPv4 dotted quad or an IPv6 literal: getByName never resolves a name for these. */
    private static boolean isLiteral(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || s.indexOf(':') >= 0 && s.matches("[0-9a-fA-F:.]+");
    }

    public static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.");
    }
}
