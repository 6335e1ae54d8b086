import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.collector.system.internal.baseline.OSBaselineCollector;
import io.edgesec.collector.system.internal.baseline.OSBaselineConfig;
import io.edgesec.collector.system.internal.firewall.FirewallCollector;
import io.edgesec.collector.system.internal.firewall.FirewallReader;
import io.edgesec.collector.system.internal.host.HostRoot;
import io.edgesec.collector.system.internal.host.Tool;
import io.edgesec.collector.system.internal.software.SoftwareInventoryCollector;
import io.edgesec.collector.system.internal.sysinfo.SystemInformationCollector;
import io.edgesec.collector.system.internal.accounts.LocalUsersCollector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU cost of one full snapshot of the five collector-system collectors (see snapshot-cost.sh):
 * the collecting thread's CPU (ThreadMXBean) and the CPU of the firewall tools it runs (children,
 * from /proc/self/stat cutime+cstime), per collector and in total, cold (first) and warm.
 * Usage: java -cp CLASSES SnapshotCost.java ROOT NETNS ROUNDS
 */
public class SnapshotCost {
    public static void main(String[] args) throws Exception {
        HostRoot root = HostRoot.of(args[0]);
        String netns = args[1];
        int rounds = Integer.parseInt(args[2]);
        OSBaselineConfig config = (OSBaselineConfig) Proxy.newProxyInstance(SnapshotCost.class.getClassLoader(),
                new Class<?>[] {OSBaselineConfig.class}, (proxy, m, a) -> switch (m.getName()) {
                    case "hostRoot" -> args[0];
                    case "includePassed", "baselineCustomChecksEnabled" -> false;
                    case "recommendations" -> true;
                    case "annotationType" -> OSBaselineConfig.class;
                    default -> "";
                });
        Map<String, PeriodicCollector> collectors = new LinkedHashMap<>();
        collectors.put("SystemInformation", new SystemInformationCollector(root));
        collectors.put("LocalUsers", new LocalUsersCollector(root));
        collectors.put("FirewallConfiguration", new FirewallCollector(new FirewallReader(
                new Tool(List.of("/usr/sbin/ip", "netns", "exec", netns), Duration.ofSeconds(30))), true));
        collectors.put("OSBaseline", new OSBaselineCollector(config, () -> new OSBaselineCollector.CustomCheckSettings(false, "", "")));
        collectors.put("SoftwareInventory", new SoftwareInventoryCollector(root, true));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, double[]> sums = new LinkedHashMap<>(); // name -> {thread ms, children ms}
        double coldTotal = 0;
        long processStart = 0;
        for (int round = 0; round <= rounds; round++) {
            if (round == 1) {
                processStart = processTicks();
            }
            double total = 0;
            for (Map.Entry<String, PeriodicCollector> c : collectors.entrySet()) {
                long t0 = mx.getCurrentThreadCpuTime();
                long k0 = childrenTicks();
                int events = c.getValue().collect().size();
                double thread = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
                double children = (childrenTicks() - k0) * 1000.0 / 100; // USER_HZ = 100
                total += thread + children;
                if (round == 0) {
                    System.out.printf("cold  %-22s thread %7.1f ms  tools %6.1f ms  (%d events)%n", c.getKey(), thread, children, events);
                } else {
                    double[] s = sums.computeIfAbsent(c.getKey(), k -> new double[2]);
                    s[0] += thread;
                    s[1] += children;
                }
            }
            if (round == 0) {
                coldTotal = total;
                System.out.printf("cold  total %.1f ms CPU%n", coldTotal);
            }
        }
        double warm = 0;
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double t = e.getValue()[0] / rounds;
            double k = e.getValue()[1] / rounds;
            warm += t + k;
            System.out.printf("warm  %-22s thread %7.1f ms  tools %6.1f ms%n", e.getKey(), t, k);
        }
        System.out.printf("warm  total %.1f ms CPU per full snapshot (mean of %d); budget 200 ms: %.2f of it%n", warm, rounds, warm / 200);
        System.out.printf("warm  whole process (all JVM threads: JIT, GC) + tools: %.1f ms CPU per snapshot%n",
                (processTicks() - processStart) * 10.0 / rounds);
    }

    /** utime + stime + cutime + cstime of this process (ticks). */
    static long processTicks() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** cutime + cstime of this process (ticks): CPU of waited-for children, the firewall tools. */
    static long childrenTicks() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
}
