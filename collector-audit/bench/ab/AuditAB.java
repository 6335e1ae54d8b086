// collector-audit/bench/ab.sh: alternating passes of two (or more) builds' audit pipelines over
// one log in one JVM, each build in its own class loader; CPU time of this thread per pass.
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

public class AuditAB {
    public static void main(String[] a) throws Exception {
        int rounds = Integer.parseInt(a[0]);
        int warmup = Integer.getInteger("warmup", 10);
        List<String> names = new ArrayList<>();
        List<Function<String, long[]>> rs = new ArrayList<>();
        for (int i = 1; i < a.length; i++) {
            String[] parts = a[i].split("=", 2); // NAME=classpath (runner classes first)
            List<URL> urls = new ArrayList<>();
            for (String p : parts[1].split(":")) {
                urls.add(Path.of(p).toUri().toURL());
            }
            URLClassLoader l = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            @SuppressWarnings("unchecked")
            Function<String, long[]> r = (Function<String, long[]>) l.loadClass("AuditRunner").getConstructor().newInstance();
            rs.add(r);
            names.add(parts[0]);
        }
        for (int j = 0; j < rs.size(); j++) {
            long[] d = rs.get(j).apply("digest");
            System.out.printf("%-10s %d records, %d security events, events digest %016x%n", names.get(j), d[1], d[2], d[4]);
        }
        for (int w = 0; w < warmup; w++) {
            for (var r : rs) {
                r.apply("pass");
            }
        }
        int n = rs.size();
        double[][] ns = new double[n][rounds];
        double[][] alloc = new double[n][rounds];
        for (int k = 0; k < rounds; k++) {
            for (int j = 0; j < n; j++) {
                int x = (k % 2 == 0) ? j : n - 1 - j;
                long[] res = rs.get(x).apply("pass");
                if (Boolean.getBoolean("ab.verbose")) {
                    System.out.printf("round %2d %-10s thread %.1f, process %.1f ns of CPU per record; JIT compiling %d ms%n", k + 1,
                            names.get(x), (double) res[0] / res[1], (double) res[4] / res[1], res[5]);
                }
                ns[x][k] = (double) res[0] / res[1];
                alloc[x][k] = (double) res[3] / res[1];
            }
        }
        for (int j = 0; j < n; j++) {
            System.out.printf("%-10s median %.1f ns of CPU per record (min %.1f), %,.0f records per CPU-second; %.0f bytes allocated per record%n",
                    names.get(j), median(ns[j]), min(ns[j]), 1e9 / median(ns[j]), median(alloc[j]));
        }
        for (int j = 1; j < n; j++) {
            double[] pr = new double[rounds];
            for (int k = 0; k < rounds; k++) {
                pr[k] = ns[j][k] / ns[0][k];
            }
            Arrays.sort(pr);
            System.out.printf("cost ratio %s/%s per round (CPU per record, above 1 worse): median %.3f (min %.3f, max %.3f), %d rounds%n",
                    names.get(j), names.get(0), pr[rounds / 2], pr[0], pr[rounds - 1], rounds);
        }
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(double[] x) {
        return Arrays.stream(x).min().orElse(0);
    }
}
