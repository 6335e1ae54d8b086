package io.edgesec.collector.system.internal.recommend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IoT_OpenPorts from a ListeningPorts event: one finding per listening endpoint on a
 * non-loopback address whose port is not on the allowed list. The allowed list holds
 * {@code PORT}, {@code PORT/tcp} or {@code PORT/udp} entries and ranges {@code LOW-HIGH[/proto]}.
 */
public final class OpenPorts {
    public static final String TYPE = "IoT_OpenPorts";
    private final List<int[]> allowed = new ArrayList<>(); // {low, high, proto: 0 any, 1 tcp, 2 udp}

    private final List<String> problems = new ArrayList<>();

    /** Entries that are not a port, a range or a protocol are left out and named in {@link #problems()}. */
    public OpenPorts(String[] allowedPorts) {
        for (String raw : allowedPorts == null ? new String[0] : allowedPorts) {
            String e = raw.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            int proto = 0;
            int slash = e.indexOf('/');
            if (slash >= 0) {
                String p = e.substring(slash + 1);
                proto = p.equals("tcp") ? 1 : p.equals("udp") ? 2 : -1;
                e = e.substring(0, slash);
            }
            String[] range = e.split("-", 2);
            try {
                int lo = Integer.parseInt(range[0].trim());
                int hi = range.length == 2 ? Integer.parseInt(range[1].trim()) : lo;
                if (proto < 0 || lo < 0 || hi > 65535 || lo > hi) {
                    throw new NumberFormatException();
                }
                allowed.add(new int[] {lo, hi, proto});
            } catch (NumberFormatException ex) {
                problems.add("allowedPorts entry '" + raw + "' is not PORT or LOW-HIGH, optionally /tcp or /udp: ignored");
            }
        }
    }

    public List<String> problems() {
        return problems;
    }

    public List<Recommendation> findings(List<Map<String, Object>> listeningPorts) {
        List<Recommendation> out = new ArrayList<>();
        for (Map<String, Object> p : listeningPorts) {
            String address = String.valueOf(p.get("LocalAddress"));
            String protocol = String.valueOf(p.get("Protocol")).toLowerCase(Locale.ROOT);
            String port = String.valueOf(p.get("LocalPort"));
            if (loopback(address) || port.equals("*")) {
                continue;
            }
            int n;
            try {
                n = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                continue;
            }
            if (isAllowed(n, protocol.startsWith("udp") ? 2 : 1)) {
                continue;
            }
            String ns = p.get("ExtraDetails") instanceof Map<?, ?> x && x.get("NetworkNamespace") != null
                    ? x.get("NetworkNamespace").toString() : "host";
            Map<String, String> data = new LinkedHashMap<>();
            data.put("LocalAddress", address);
            data.put("LocalPort", port);
            data.put("Protocol", protocol);
            data.put("NetworkNamespace", ns);
            if (p.get("ExtraDetails") instanceof Map<?, ?> x && x.get("Executable") != null) {
                data.put("Executable", x.get("Executable").toString());
            }
            out.add(new Recommendation(TYPE, ns + "|" + protocol + "|" + address + "|" + port, "Medium", "Open Ports on device",
                    "A listening endpoint was found on the device: " + protocol + " " + address + ":" + port
                            + (data.containsKey("Executable") ? " (" + data.get("Executable") + ")" : "") + ".",
                    "Close the port if it is not needed, or add it to the allowed ports (allowedPorts) if it is.", data));
        }
        return out;
    }

    private boolean isAllowed(int port, int proto) {
        for (int[] a : allowed) {
            if (port >= a[0] && port <= a[1] && (a[2] == 0 || a[2] == proto)) {
                return true;
            }
        }
        return false;
    }

    static boolean loopback(String a) {
        return a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1") || a.startsWith("::ffff:127.");
    }
}
