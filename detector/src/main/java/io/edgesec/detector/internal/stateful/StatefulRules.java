package io.edgesec.detector.internal.stateful;

import io.edgesec.detector.internal.engine.DetectorSettings;
import io.edgesec.detector.internal.engine.StatefulRule;
import java.util.List;

/** The built-in rules that need state; each bounded by {@link DetectorSettings#stateCapacity}. */
public final class StatefulRules {
    private StatefulRules() {
    }

    public static List<StatefulRule> create(DetectorSettings s) {
        return List.of(new BruteForce(s), new DownloadThenRun(s), new Reconnaissance(s), new PipeIntoShell(s),
                new EncryptionBurst(s), new CustomAlerts(s),
                new FirewallEmptied());
    }

    static boolean isShell(String program) {
        return switch (program) {
            case "sh", "bash", "dash", "zsh", "ash", "ksh", "mksh", "busybox", "fish", "csh", "tcsh" -> true;
            default -> false;
        };
    }

    static boolean isInterpreter(String program) {
        return program.startsWith("python") || program.startsWith("perl") || program.startsWith("ruby")
                || program.startsWith("php") || program.equals("node") || program.equals("lua");
    }

    static boolean isTempPath(String path) {
        return path.startsWith("/tmp/") || path.startsWith("/dev/shm/") || path.startsWith("/var/tmp/")
                || path.startsWith("/run/shm/");
    }
}
