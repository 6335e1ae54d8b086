package io.edgesec.aggregator.internal;

import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic stream of events shaped like the ones the collectors build (payload fields,
 * value types and map kinds as in collector-audit's EventMapper and collector-process's
 * ListeningPortsCollector), so serialization and aggregation see realistic work.
 *
 * <p>Mix per 100 events: 1 ListeningPorts snapshot (16 sockets, High), 59 ProcessCreate and 40
 * ConnectionCreate (Low). Repetition, which decides how well aggregation folds: ProcessCreate
 * draws from 48 command lines x 3 users, and 1 in 10 has a unique argument (a temp file);
 * ConnectionCreate is 9 in 10 outbound to 24 endpoints from an ephemeral port (folds), 1 in 10
 * inbound from a random client address (mostly distinct keys).
 *
 * <p>Every call builds a new event, as a collector does: its JSON is not cached yet.
 */
final class Workload {
    static final String[] COMMANDS = {
        "/bin/sh -c /usr/lib/update-notifier/apt-check --human-readable",
        "/usr/bin/python3 /opt/sensor/collect.py --interval 5 --bus /dev/i2c-1",
        "/usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8883 -container-ip 172.18.0.4 -container-port 8883",
        "/usr/bin/iotedge check --output json",
        "/bin/cat /proc/meminfo",
        "/usr/bin/df -h /var/lib/docker",
        "/usr/sbin/logrotate /etc/logrotate.conf",
        "/usr/bin/systemctl is-active aziot-edged",
        "/bin/ps -eo pid,ppid,comm,args",
        "/usr/bin/curl -fsS http://localhost:15580/health",
        "/usr/bin/containerd-shim-runc-v2 -namespace moby -id 4f1c2a9e0b7d -address /run/containerd/containerd.sock",
        "/usr/bin/runc --root /var/run/docker/runtime-runc/moby --log /run/containerd/io.containerd.runtime.v2.task/moby/4f1c2a9e0b7d/log.json init",
        "/usr/bin/dotnet /app/EdgeHub.dll",
        "/usr/bin/node /app/server.js --port 3000",
        "/usr/sbin/sshd -D -R",
        "/bin/bash -c echo $(date) >> /var/log/heartbeat.log",
        "/usr/bin/date +%s",
        "/usr/bin/journalctl -u aziot-edged --since -5min --no-pager",
        "/usr/bin/ip -j addr show",
        "/usr/sbin/iptables -S",
        "/usr/bin/find /tmp -mindepth 1 -mtime +7 -delete",
        "/usr/bin/sleep 30",
        "/usr/bin/awk -F: {print $1} /etc/passwd",
        "/usr/bin/grep -c processor /proc/cpuinfo",
        "/usr/bin/uname -a",
        "/usr/bin/hostname -I",
        "/usr/lib/systemd/systemd-journald",
        "/usr/bin/mosquitto_pub -h localhost -t telemetry/temp -m 21.5",
        "/usr/bin/gzip -9 /var/log/syslog.1",
        "/usr/bin/tar -czf /var/backups/config.tgz /etc/aziot",
        "/usr/bin/openssl x509 -in /var/lib/aziot/certd/certs/device-id.pem -noout -enddate",
        "/usr/bin/apt-get -qq update",
        "/usr/bin/dpkg --configure -a",
        "/usr/bin/chronyc tracking",
        "/usr/bin/timedatectl show",
        "/usr/sbin/modprobe -q nf_conntrack",
        "/usr/bin/lsblk -J",
        "/usr/bin/free -m",
        "/usr/bin/top -b -n 1",
        "/usr/bin/wc -l /var/log/auth.log",
        "/usr/bin/stat -c %Y /etc/shadow",
        "/usr/bin/id -u",
        "/usr/bin/env",
        "/usr/bin/python3 -m pip list --format json",
        "/usr/bin/java -Xmx64m -jar /opt/edgesec/edgesec.jar run",
        "/usr/bin/docker ps --format {{.ID}} {{.Image}}",
        "/usr/bin/docker inspect edgeHub",
        "/usr/bin/sudo -n /usr/sbin/reboot",
    };
    static final String[] UIDS = {"0", "1000", "33"};
    static final String[] ENDPOINTS = {
        "20.50.201.3:443", "40.113.176.169:443", "13.69.116.104:8883", "52.236.186.181:5671",
        "140.82.112.3:443", "151.101.1.69:443", "104.16.24.35:443", "192.0.2.10:1883",
        "198.51.100.7:8883", "203.0.113.40:123", "10.0.0.2:53", "10.0.0.2:123", "8.8.8.8:53",
        "1.1.1.1:53", "91.189.91.39:80", "185.125.190.36:443", "172.18.0.4:8883",
        "172.18.0.5:5671", "172.18.0.6:443", "127.0.0.1:15580", "127.0.0.1:15581",
        "169.254.169.254:80", "34.117.59.81:443", "23.215.0.136:443",
    };

    private final SplittableRandom random;
    private final long baseMillis = Instant.parse("2026-11-28T21:00:00Z").toEpochMilli();
    private long n;

    Workload(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** @return the next event of the mix, newly built */
    SecurityEvent next() {
        long i = n++;
        int slot = (int) (i % 100);
        if (slot == 0) {
            return listeningPorts(i);
        }
        return slot <= 59 ? processCreate(i) : connectionCreate(i);
    }

    /** @return a new event of one kind: ProcessCreate, ConnectionCreate or ListeningPorts */
    SecurityEvent next(String kind) {
        long i = n++;
        return switch (kind) {
            case EventNames.PROCESS_CREATE -> processCreate(i);
            case EventNames.CONNECTION_CREATE -> connectionCreate(i);
            case EventNames.LISTENING_PORTS -> listeningPorts(i);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private Instant time(long i) {
        return Instant.ofEpochMilli(baseMillis + i * 3); // audit records a few ms apart
    }

    SecurityEvent processCreate(long i) {
        String command = COMMANDS[random.nextInt(COMMANDS.length)];
        String uid = UIDS[random.nextInt(UIDS.length)];
        if (random.nextInt(10) == 0) {
            command = command + " /tmp/tmp." + Long.toHexString(random.nextLong());
        }
        int space = command.indexOf(' ');
        Map<String, Object> p = new LinkedHashMap<>(12);
        p.put("Executable", space < 0 ? command : command.substring(0, space));
        p.put("CommandLine", command);
        p.put("UserId", uid);
        p.put("UserName", "0".equals(uid) ? "root" : "1000".equals(uid) ? "edge" : "www-data");
        p.put("ProcessId", 2000 + random.nextInt(60_000));
        p.put("ParentProcessId", 1 + random.nextInt(2000));
        Map<String, String> extra = new LinkedHashMap<>(4);
        extra.put("AuditUserId", "0".equals(uid) ? "4294967295" : uid);
        extra.put("Cwd", "0".equals(uid) ? "/" : "/home/edge");
        p.put("ExtraDetails", extra);
        return SecurityEvent.builder(EventNames.PROCESS_CREATE).timestamp(time(i)).payload(p).build();
    }

    SecurityEvent connectionCreate(long i) {
        boolean inbound = random.nextInt(10) == 0;
        String command = COMMANDS[random.nextInt(8)];
        String remoteAddress;
        String remotePort;
        String localAddress = "192.168.1.20";
        String localPort;
        if (inbound) {
            remoteAddress = "10.1." + random.nextInt(256) + "." + random.nextInt(256);
            remotePort = Integer.toString(32768 + random.nextInt(28232));
            localPort = random.nextBoolean() ? "22" : "8883";
        } else {
            String endpoint = ENDPOINTS[random.nextInt(ENDPOINTS.length)];
            int colon = endpoint.indexOf(':');
            remoteAddress = endpoint.substring(0, colon);
            remotePort = endpoint.substring(colon + 1);
            localPort = Integer.toString(32768 + random.nextInt(28232));
        }
        int space = command.indexOf(' ');
        Map<String, Object> p = new LinkedHashMap<>(14);
        p.put("RemoteAddress", remoteAddress);
        p.put("RemotePort", remotePort);
        p.put("LocalAddress", localAddress);
        p.put("LocalPort", localPort);
        p.put("Direction", inbound ? "In" : "Out");
        p.put("Protocol", "tcp");
        p.put("ProcessId", 2000 + random.nextInt(60_000));
        p.put("Executable", space < 0 ? command : command.substring(0, space));
        p.put("CommandLine", command);
        p.put("UserId", "0");
        return SecurityEvent.builder(EventNames.CONNECTION_CREATE).timestamp(time(i)).payload(p).build();
    }

    SecurityEvent listeningPorts(long i) {
        List<Map<String, Object>> items = new ArrayList<>(16);
        String[][] sockets = {
            {"0.0.0.0", "22", "tcp", "/usr/sbin/sshd"}, {"::", "22", "tcp6", "/usr/sbin/sshd"},
            {"0.0.0.0", "8883", "tcp", "/usr/bin/docker-proxy"}, {"0.0.0.0", "5671", "tcp", "/usr/bin/docker-proxy"},
            {"0.0.0.0", "443", "tcp", "/usr/bin/docker-proxy"}, {"127.0.0.1", "15580", "tcp", "/usr/bin/aziot-edged"},
            {"127.0.0.1", "15581", "tcp", "/usr/bin/aziot-edged"}, {"127.0.0.53", "53", "udp", "/usr/lib/systemd/systemd-resolved"},
            {"0.0.0.0", "68", "udp", "/usr/sbin/dhclient"}, {"0.0.0.0", "123", "udp", "/usr/sbin/chronyd"},
            {"::1", "323", "udp6", "/usr/sbin/chronyd"}, {"0.0.0.0", "1883", "tcp", "/usr/sbin/mosquitto"},
            {"0.0.0.0", "3000", "tcp", "/usr/bin/node"}, {"172.18.0.4", "8883", "tcp", "/usr/bin/dotnet"},
            {"172.18.0.4", "5671", "tcp", "/usr/bin/dotnet"}, {"0.0.0.0", "0", "udp", ""},
        };
        for (String[] s : sockets) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("LocalAddress", s[0]);
            p.put("LocalPort", "0".equals(s[1]) ? "*" : s[1]);
            p.put("Protocol", s[2]);
            Map<String, String> extra = new LinkedHashMap<>();
            if (!s[3].isEmpty()) {
                extra.put("Pid", Integer.toString(300 + random.nextInt(5000)));
                extra.put("Executable", s[3]);
            }
            extra.put("Inode", Long.toString(10_000 + random.nextInt(1_000_000)));
            extra.put("NetworkNamespace", s[0].startsWith("172.18.") ? "net:[4026532612]" : "host");
            p.put("ExtraDetails", extra);
            items.add(p);
        }
        return SecurityEvent.builder(EventNames.LISTENING_PORTS).category(EventCategory.PERIODIC)
                .timestamp(time(i)).payloads(items).build();
    }
}
