package io.edgesec.collector.process.internal.ports;

import io.edgesec.api.collector.CollectorName;
import io.edgesec.api.net.IpText;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.process.internal.procfs.ProcFs;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * ListeningPorts: only sockets that listen (TCP LISTEN, unconnected bound UDP), IPv4 and IPv6,
 * each with the pids and executable that own it, in every network namespace of the device.
 */
@Component(configurationPid = ListeningPortsConfig.PID)
@CollectorName("listening-ports")
@Designate(ocd = ListeningPortsConfig.class)
public class ListeningPortsCollector implements PeriodicCollector {
    private static final String[] TABLES = {"tcp", "tcp6", "udp", "udp6"};
    private final ProcFs proc;
    private final ProcNetParser parser = new ProcNetParser(ByteOrder.nativeOrder());
    private final boolean allNamespaces;
    /** The host namespace's absence is said once per activation, not every period. */
    private volatile boolean hostNamespaceWarned;

    @Activate
    public ListeningPortsCollector(ListeningPortsConfig config) {
        this.proc = new ProcFs(Path.of(config.procRoot()));
        this.allNamespaces = config.allNamespaces();
    }

    @Override
    public List<SecurityEvent> collect() throws IOException {
        List<Integer> pids = proc.pids();
        SocketOwners owners = SocketOwners.scan(proc, pids);
        // pid 1's namespace is the host's. Where it cannot be read (no SYS_PTRACE, another pid
        // namespace without the host's /proc), our own namespace is read instead, and said to be
        // ours ("self"), never called the host's: in a container it is the container's.
        String hostNs = proc.readLink("1/ns/net");
        int hostPid = 1;
        boolean hostVisible = hostNs != null;
        if (hostNs == null) {
            hostNs = proc.readLink("self/ns/net");
            hostPid = -1; // our namespace: read net/ (ours), not 1/net/ (pid 1's, perhaps another one)
        }
        Map<String, Integer> namespaces = new LinkedHashMap<>();
        if (hostNs != null) {
            namespaces.put(hostNs, hostPid);
        }
        if (allNamespaces) {
            owners.namespaces().forEach(namespaces::putIfAbsent);
        }
        List<String> bad = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (namespaces.isEmpty()) {
            namespaces.put("self", -1); // no pid readable: at least this process's namespace
        }
        for (Map.Entry<String, Integer> ns : namespaces.entrySet()) {
            String dir = ns.getValue() < 0 ? "net/" : ns.getValue() + "/net/";
            for (String table : TABLES) {
                String text = proc.read(dir + table);
                if (text == null) {
                    continue;
                }
                for (SocketEntry s : parser.parse(table, text, bad::add)) {
                    if (s.isListening() && seen.add(ns.getKey() + "|" + s.protocol() + "|" + s.localAddress() + "|" + s.localPort() + "|" + s.inode())) {
                        items.add(payload(s, owners, ns.getKey().equals(hostNs) ? (hostVisible ? "host" : "self") : ns.getKey()));
                    }
                }
            }
        }
        SecurityEvent.Builder b = SecurityEvent.builder(EventNames.LISTENING_PORTS)
                .category(EventCategory.PERIODIC).timestamp(Instant.now()).payloads(items);
        List<SecurityEvent> out = new ArrayList<>();
        out.add(b.build());
        if (!hostVisible && !hostNamespaceWarned) {
            hostNamespaceWarned = true;
            out.add(io.edgesec.api.event.CollectorStatus.of("listening-ports", "HostNamespaceUnavailable",
                    io.edgesec.api.event.Severity.WARNING, "cannot read the network namespace of pid 1 under " + proc.root()
                    + " (the host's /proc with SYS_PTRACE, or the host's pid namespace, is needed): the ports reported are "
                    + "this process's own namespace (NetworkNamespace \"self\"), not the host's"));
        }
        if (!bad.isEmpty()) {
            // the other rows were read: a warning, not an error
            out.add(io.edgesec.api.event.CollectorStatus.of("listening-ports", "ParseError",
                    io.edgesec.api.event.Severity.WARNING, bad.size() + " unreadable socket rows, first: " + bad.get(0)));
        }
        return out;
    }

    private Map<String, Object> payload(SocketEntry s, SocketOwners owners, String namespace) {
        Map<String, Object> p = new LinkedHashMap<>();
        // an IPv4-mapped IPv6 listener (a dual-stack socket bound to an IPv4 address) accepts IPv4 only
        p.put("LocalAddress", IpText.unmapped(s.localAddress()));
        p.put("LocalPort", s.localPort() == 0 ? "*" : Integer.toString(s.localPort()));
        p.put("Protocol", s.protocol());
        Map<String, String> extra = new LinkedHashMap<>();
        List<Integer> pids = owners.owners(s.inode());
        if (!pids.isEmpty()) {
            StringJoiner j = new StringJoiner(",");
            pids.forEach(pid -> j.add(pid.toString()));
            extra.put("Pid", j.toString());
            String exe = proc.readLink(pids.get(0) + "/exe");
            if (exe != null) {
                extra.put("Executable", exe);
            }
        }
        extra.put("Inode", Long.toString(s.inode()));
        extra.put("NetworkNamespace", namespace);
        p.put("ExtraDetails", extra);
        return p;
    }
}
