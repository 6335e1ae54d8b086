// bench/detector-ab.sh's drivers (AB, ColdAB): each given jar's runner in a class loader of its own, and the rounds' order.
import java.net.*; import java.nio.file.*; import java.util.*; import java.util.function.LongSupplier;
final class Jars {
  final List<String> names = new ArrayList<>(); final List<LongSupplier> runners = new ArrayList<>();
  /** a[1..]: the jars; the runner (-Dab.runner) compiled against jar i is in classes-i under -Dab.dir. */
  Jars(String[] a) throws Exception {
    for (int i = 1; i < a.length; i++) {
      URLClassLoader l = new URLClassLoader(new URL[]{Paths.get(System.getProperty("ab.dir"), "classes-" + i + "/").toUri().toURL(), Paths.get(a[i]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      runners.add((LongSupplier) l.loadClass(System.getProperty("ab.runner", "io.edgesec.detector.bench.Runner")).getConstructor().newInstance()); names.add(Paths.get(a[i]).getFileName().toString());
    }
  }
  /** Which runner goes j-th in round k: first to last, then last to first, so that neither always goes first. */
  int slot(int k, int j) { return (k % 2 == 0) ? j : runners.size() - 1 - j; }
  static double median(double[] x){ double[] s=x.clone(); Arrays.sort(s); return s[s.length/2]; }
}
