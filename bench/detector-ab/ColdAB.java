// bench/detector-cold.sh: alternating rounds of Cold for each jar in one JVM; ns per event (CPU).
import java.net.*; import java.nio.file.*; import java.util.*;
public class ColdAB {
  public static void main(String[] a) throws Exception {
    int rounds = Integer.parseInt(a[0]); List<String> names = new ArrayList<>(); List<java.util.function.LongSupplier> rs = new ArrayList<>();
    for (int i = 1; i < a.length; i++) {
      URLClassLoader l = new URLClassLoader(new URL[]{Paths.get(System.getProperty("ab.dir"), "classes-" + i + "/").toUri().toURL(), Paths.get(a[i]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      rs.add((java.util.function.LongSupplier) l.loadClass("io.edgesec.detector.bench.Cold").getConstructor().newInstance()); names.add(Paths.get(a[i]).getFileName().toString());
    }
    int per = Integer.getInteger("batch", 10) * Integer.getInteger("batches", 400);
    int warm = Integer.getInteger("warm", 150);
    for (int w = 0; w < warm; w++) for (var r : rs) r.getAsLong(); // the JIT compiles, as in the agent's warm-up
    double[][] ns = new double[rs.size()][rounds];
    for (int k = 0; k < rounds; k++) for (int j = 0; j < rs.size(); j++) { int x = (k % 2 == 0) ? j : rs.size() - 1 - j; ns[x][k] = (double) rs.get(x).getAsLong() / per; }
    for (int j = 0; j < rs.size(); j++) { double[] s = ns[j].clone(); Arrays.sort(s);
      System.out.printf("%-22s median %,.0f ns per event (best %,.0f, worst %,.0f); vs first: %.3f%n", names.get(j), s[rounds/2], s[0], s[rounds-1], s[rounds/2] / median(ns[0])); }
    if (rs.size() > 1) { double[] pr = new double[rounds]; for (int k=0;k<rounds;k++) pr[k] = ns[rs.size()-1][k]/ns[0][k]; Arrays.sort(pr);
      System.out.printf("paired ratio of ns per event last/first per round: median %.3f (min %.3f, max %.3f)%n", pr[rounds/2], pr[0], pr[rounds-1]); }
  }
  static double median(double[] x){ double[] s=x.clone(); Arrays.sort(s); return s[s.length/2]; }
}
