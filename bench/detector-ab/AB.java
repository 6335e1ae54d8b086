// bench/detector-ab.sh: alternating rounds of the realistic mix (or of -Dab.runner's class) for each jar, in one JVM; CPU time of this thread.
import java.util.*;
public class AB {
  public static void main(String[] a) throws Exception {
    int rounds = Integer.parseInt(a[0]); Jars jars = new Jars(a); var rs = jars.runners; var names = jars.names;
    int n = Integer.getInteger("events", 1_000_000);
    for (var r : rs) { r.getAsLong(); r.getAsLong(); } // warm-up
    double[][] rate = new double[rs.size()][rounds];
    for (int k = 0; k < rounds; k++) for (int j = 0; j < rs.size(); j++) { int x = jars.slot(k, j); rate[x][k] = n * 1e9 / rs.get(x).getAsLong(); }
    for (int j = 0; j < rs.size(); j++) { double[] s = rate[j].clone(); Arrays.sort(s);
      System.out.printf("%-22s median %,.0f best %,.0f events per CPU-second; vs first: median ratio %.3f%n", names.get(j), s[rounds/2], s[rounds-1], s[rounds/2] / Jars.median(rate[0])); }
    double[] pr = new double[rounds]; for (int k=0;k<rounds;k++) pr[k] = rate[rs.size()-1][k]/rate[0][k]; Arrays.sort(pr);
    System.out.printf("paired ratio last/first per round: median %.3f (min %.3f, max %.3f)%n", pr[rounds/2], pr[0], pr[rounds-1]);
  }
}
