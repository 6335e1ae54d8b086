// bench/detector-ab.sh: alternating rounds of the realistic mix (or of -Dab.runner's class) for each jar, in one JVM; CPU time of this thread.
import java.net.*; import java.nio.file.*; import java.util.*;
public class AB {
  public static void main(String[] a) throws Exception {
    int rounds = Integer.parseInt(a[0]); List<String> names = new ArrayList<>(); List<java.util.function.LongSupplier> rs = new ArrayList<>();
    for (int i = 1; i < a.length; i++) {
      URLClassLoader l = new URLClassLoader(new URL[]{Paths.get(System.getProperty("ab.dir"), "classes-" + i + "/").toUri().toURL(), Paths.get(a[i]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      rs.add((java.util.function.LongSupplier) l.loadClass(System.getProperty("ab.runner", "io.edgesec.detector.bench.Runner")).getConstructor().newInstance()); names.add(Paths.get(a[i]).getFileName().toString());
    }
    int n = Integer.getInteger("events", 1_000_000);
    for (var r : rs) { r.getAsLong(); r.getAsLong(); } // warm-up
    double[][] rate = new double[rs.size()][rounds];
    for (int k = 0; k < rounds; k++) for (int j = 0; j < rs.size(); j++) { int x = (k % 2 == 0) ? j : rs.size() - 1 - j; rate[x][k] = n * 1e9 / rs.get(x).getAsLong(); }
    for (int j = 0; j < rs.size(); j++) { double[] s = rate[j].clone(); Arrays.sort(s);
      System.out.printf("%-22s median %,.0f best %,.0f events per CPU-second; vs first: median ratio %.3f%n", names.get(j), s[rounds/2], s[rounds-1], s[rounds/2] / median(rate[0])); }
    double[] pr = new double[rounds]; for (int k=0;k<rounds;k++) pr[k] = rate[rs.size()-1][k]/rate[0][k]; Arrays.sort(pr);
    System.out.printf("paired ratio last/first per round: median %.3f (min %.3f, max %.3f)%n", pr[rounds/2], pr[0], pr[rounds-1]);
  }
  static double median(double[] x){ double[] s=x.clone(); Arrays.sort(s); return s[s.length/2]; }
}
