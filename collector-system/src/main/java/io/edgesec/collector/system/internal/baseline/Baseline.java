package io.edgesec.collector.system.internal.baseline;

import io.edgesec.collector.system.internal.host.HostRoot;
import java.util.ArrayList;
import java.util.List;

/** Runs a catalogue over a root; checks whose distro condition excludes the system are left out. */
public final class Baseline {
    private Baseline() {
    }

    public static List<CheckResult> run(List<Check> checks, HostRoot root) {
        CheckEvaluator e = new CheckEvaluator(root);
        List<CheckResult> out = new ArrayList<>(checks.size());
        for (Check c : checks) {
            CheckResult r = e.evaluate(c);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }
}
