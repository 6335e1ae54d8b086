// bench/detector-cold.sh: alternating rounds of Cold (-Dab.runner) for each jar in one JVM; ns per event (CPU).
import java.util.*;
public class ColdAB {
  public static void main(String[] a) throws Exception {
    int rounds = Integer.parseInt(a[0]); Jars jars = new Jars(a); var rs = jars.runners; var names = jars.names;
    int per = Integer.getInteger("batch", 10) * Integer.getInteger("batches", 400);
    int warm = Integer.getInteger("warm", 150);
    for (int w = 0; w < warm; w++) for (var r : rs) r.getAsLong(); // the JIT compiles, as in the agent's warm-up
    double[][] ns = new double[rs.size()][rounds];
    for (int k = 0; k < rounds; k++) for (int j = 0; j < rs.size(); j++) { int x = jars.slot(k, j); ns[x][k] = (double) rs.get(x).getAsLong() / per; }
    for (int j = 0; j < rs.size(); j++) { double[] s = ns[j].clone(); Arrays.sort(s);
      System.out.printf("%-22s median %,.0f ns per event (best %,.0f, worst %,.0f); vs first: %.3f%n", names.get(j), s[rounds/2], s[0], s[rounds-1], s[rounds/2] / Jars.median(ns[0])); }
    if (rs.size() > 1) { double[] pr = new double[rounds]; for (int k=0;k<rounds;k++) pr[k] = ns[rs.size()-1][k]/ns[0][k]; Arrays.sort(pr);
      System.out.printf("paired ratio of ns per event last/first per round: median %.3f (min %.3f, max %.3f)%n", pr[rounds/2], pr[0], pr[rounds-1]); }
  }
}
