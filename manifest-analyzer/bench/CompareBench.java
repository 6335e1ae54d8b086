import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Benchmark (not a test): two builds of the analyzer (A, B: class paths) over the corpus in one
 * JVM, in paired rounds (order alternating), timing CPU time of this thread: parsing only
 * (Manifest.parse, which reads every module's createOptions) and parse + rules. Prints medians
 * and the speed ratio A/B per round (above 1: B is faster). Run with bench/compare.sh.
 */
public class CompareBench {
    record Build(String name, Method parse, Object analyzer, Method analyze) {
        static Build load(String name, String classPath) throws Exception {
            List<URL> urls = new ArrayList<>();
            for (String p : classPath.split(":")) {
                urls.add(Path.of(p).toUri().toURL());
            }
            ClassLoader l = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Method parse = l.loadClass("io.edgesec.manifest.internal.model.Manifest").getMethod("parse", String.class, String.class);
            Class<?> settings = l.loadClass("io.edgesec.manifest.internal.rules.AnalyzerSettings");
            Class<?> analyzer = l.loadClass("io.edgesec.manifest.internal.rules.Analyzer");
            Object a = analyzer.getConstructor(settings).newInstance(settings.getMethod("defaults").invoke(null));
            return new Build(name, parse, a, analyzer.getMethod("analyze", String.class, String.class));
        }

        int parseAll(List<String> texts) throws Exception {
            int ok = 0;
            for (String t : texts) {
                try {
                    parse.invoke(null, t, "f.json");
                    ok++;
                } catch (InvocationTargetException e) {
                    // an unparseable corpus file: the error is part of the work
                }
            }
            return ok;
        }

        void analyzeAll(List<String> texts) throws Exception {
            for (String t : texts) {
                analyze.invoke(analyzer, t, "f.json");
            }
        }
    }

    interface Work {
        void run(Build b) throws Exception;
    }

    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    static double cpuMillis(Build b, Work w, int repeat) throws Exception {
        long c = MX.getCurrentThreadCpuTime();
        for (int i = 0; i < repeat; i++) {
            w.run(b);
        }
        return (MX.getCurrentThreadCpuTime() - c) / 1e6 / repeat;
    }

    static void compare(String what, Build a, Build b, Work w, int rounds, int repeat) throws Exception {
        for (int i = 0; i < rounds / 4 + 1; i++) { // warm-up
            w.run(a);
            w.run(b);
        }
        double[] ta = new double[rounds];
        double[] tb = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                ta[r] = cpuMillis(a, w, repeat);
                tb[r] = cpuMillis(b, w, repeat);
            } else {
                tb[r] = cpuMillis(b, w, repeat);
                ta[r] = cpuMillis(a, w, repeat);
            }
            ratio[r] = ta[r] / tb[r];
        }
        Arrays.sort(ta);
        Arrays.sort(tb);
        Arrays.sort(ratio);
        System.out.printf("%s, %d paired rounds of %d corpus runs, CPU ms per corpus run: %s median %.2f (best %.2f), %s median %.2f (best %.2f);"
                        + " speed %s/%s per round: median %.2fx (p10 %.2fx, p90 %.2fx)%n",
                what, rounds, repeat, a.name(), ta[rounds / 2], ta[0], b.name(), tb[rounds / 2], tb[0],
                b.name(), a.name(), ratio[rounds / 2], ratio[rounds / 10], ratio[rounds * 9 / 10]);
    }

    public static void main(String[] args) throws Exception {
        Build a = Build.load("A", args[0]);
        Build b = Build.load("B", args[1]);
        Path dir = Path.of(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        List<String> texts = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                texts.add(Files.readString(p));
            }
        }
        System.out.printf("corpus: %d files, %d parse in A, %d in B%n", texts.size(), a.parseAll(texts), b.parseAll(texts));
        compare("parse", a, b, x -> x.parseAll(texts), rounds, 10);
        compare("parse+rules", a, b, x -> x.analyzeAll(texts), rounds, 3);
        System.out.printf("load average while measuring: %.2f on %d CPUs%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    }
}
