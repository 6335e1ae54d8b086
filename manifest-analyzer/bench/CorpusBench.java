import io.edgesec.manifest.internal.report.SarifReport;
import io.edgesec.manifest.internal.rules.AnalysisResult;
import io.edgesec.manifest.internal.rules.Analyzer;
import io.edgesec.manifest.internal.rules.AnalyzerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Benchmark (not a test): analyzes every manifest of the corpus in one JVM and reports the time
 * of one full corpus run: the first (cold) run, then the median and best of warm runs, with and
 * without rendering SARIF. Run with bench/run.sh.
 */
public class CorpusBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../../shared/corpus/manifests");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<String> texts = new ArrayList<>();
        for (Path p : files) {
            texts.add(Files.readString(p));
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Analyzer analyzer = new Analyzer(AnalyzerSettings.defaults());
        int[] counts = once(analyzer, files, texts);
        long cold = System.nanoTime() - t0;
        long coldCpu = mx.getCurrentThreadCpuTime() - c0;
        System.out.printf("corpus: %d files, %d findings, %d unparseable%n", files.size(), counts[0], counts[1]);
        System.out.printf("cold first run (incl. class loading): %.1f ms wall, %.1f ms CPU of this thread%n", cold / 1e6, coldCpu / 1e6);

        double[] warm = new double[runs];
        double[] cpu = new double[runs];
        double[] sarif = new double[runs];
        for (int i = 0; i < runs; i++) {
            long ac = mx.getCurrentThreadCpuTime();
            long a = System.nanoTime();
            once(analyzer, files, texts);
            warm[i] = (System.nanoTime() - a) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - ac) / 1e6;
            long b = System.nanoTime();
            List<AnalysisResult> rs = new ArrayList<>();
            for (int j = 0; j < files.size(); j++) {
                rs.add(analyzer.analyze(texts.get(j), files.get(j).getFileName().toString()));
            }
            new SarifReport().write(rs);
            sarif[i] = (System.nanoTime() - b) / 1e6;
        }
        Arrays.sort(warm);
        Arrays.sort(cpu);
        Arrays.sort(sarif);
        System.out.printf("warm full corpus run (parse+rules), %d runs: median %.2f ms, best %.2f ms, p90 %.2f ms (%.3f ms/file)%n",
                runs, warm[runs / 2], warm[0], warm[runs * 9 / 10], warm[runs / 2] / files.size());
        System.out.printf("warm full corpus run, CPU time of the analyzing thread: median %.2f ms, best %.2f ms%n", cpu[runs / 2], cpu[0]);
        System.out.printf("warm full corpus run incl. SARIF rendering: median %.2f ms%n", sarif[runs / 2]);
        System.out.printf("ratio cold/warm-median: %.1fx; share of a one-second budget used by a cold run: %.0f%% wall, %.0f%% CPU%n",
                cold / 1e6 / warm[runs / 2], cold / 1e6 / 10, coldCpu / 1e6 / 10);
        System.out.printf("load average while measuring: %.2f on %d CPUs (wall times include waiting for the CPU)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    }

    static int[] once(Analyzer a, List<Path> files, List<String> texts) {
        int findings = 0;
        int errors = 0;
        for (int i = 0; i < files.size(); i++) {
            AnalysisResult r = a.analyze(texts.get(i), files.get(i).getFileName().toString());
            findings += r.findings().size();
            errors += r.failed() ? 1 : 0;
        }
        return new int[] {findings, errors};
    }
}
