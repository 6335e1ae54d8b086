package io.edgesec.detector.internal.stateful;

import io.edgesec.detector.internal.engine.BoundedLru;
import io.edgesec.detector.internal.engine.DetectorSettings;
import io.edgesec.detector.internal.engine.StatefulRule;
import io.edgesec.detector.internal.view.EventView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pipeline into a shell: {@code curl URL | sh} (IOTA-014) or {@code echo B64 | base64 -d | sh}
 * (IOTA-008). Audit sees no pipe, only sibling processes of one parent started together: a
 * downloader or decoder, and a shell or interpreter with no script argument (reading stdin).
 * The two may be recorded in either order.
 */
final class PipeIntoShell extends OneEventRule {
    private static final long TOGETHER_MS = 3000;

    private record Child(String role, String commandLine, String id, Instant time, Map<String, String> entities) {
    }

    private final BoundedLru<Integer, List<Child>> byParent;

    PipeIntoShell(DetectorSettings s) {
        super("ProcessCreate");
        byParent = new BoundedLru<>(s.stateCapacity);
    }

    private static final java.util.Set<String> SOURCES = java.util.Set.of("curl", "wget", "fetch", "base64", "base32",
            "basenc", "xxd", "openssl", "uudecode");

    static String role(EventView v) {
        String p = v.argv0Base();
        if (!SOURCES.contains(p) && !StatefulRules.isShell(p) && !StatefulRules.isInterpreter(p)) {
            return null;
        }
        List<String> a = v.argv();
        if (StatefulRules.isShell(p) || StatefulRules.isInterpreter(p)) {
            for (int i = 1; i < a.size(); i++) {
                String s = a.get(i);
                if (!(s.equals("-") || s.equals("-s") || s.equals("-i") || s.equals("-x") || s.equals("-e") && StatefulRules.isShell(p)
                        || s.equals("-u") || s.equals("-eux") || s.equals("-ex"))) {
                    return null; // runs a script or -c string: not reading the pipe
                }
            }
            return "shell";
        }
        switch (p) {
            case "curl", "wget", "fetch" -> {
                return "download";
            }
            case "base64", "base32", "basenc" -> {
                return a.contains("-d") || a.contains("--decode") || a.contains("-D") ? "decode" : null;
            }
            case "xxd" -> {
                return a.contains("-r") || a.contains("-revert") ? "decode" : null;
            }
            case "openssl" -> {
                return (a.contains("base64") || a.contains("enc")) && a.contains("-d") ? "decode" : null;
            }
            case "uudecode", "gunzip", "zcat" -> {
                return p.equals("uudecode") ? "decode" : null;
            }
            default -> {
                return null;
            }
        }
    }

    @Override
    void judge(EventView v, Raiser raise) {
        String role = role(v);
        if (role == null) {
            return;
        }
        Instant t = v.event().timestamp();
        List<Child> siblings = byParent.computeIfAbsent(v.ppid(), k -> new ArrayList<>(4));
        siblings.removeIf(c -> Math.abs(t.toEpochMilli() - c.time.toEpochMilli()) > TOGETHER_MS);
        // only a source's entities go into an alert (a shell's command line is added to them):
        // a bare shell, far more common than a download or a decoder, builds none
        Child me = new Child(role, v.commandLine(), v.event().id(), t, role.equals("shell") ? null : raise.entities(v));
        for (Child c : siblings) {
            Child source = role.equals("shell") ? c : me;
            Child shell = role.equals("shell") ? me : c;
            if (!shell.role.equals("shell") || source.role.equals("shell")) {
                continue;
            }
            Map<String, String> e = new java.util.LinkedHashMap<>(source.entities);
            e.put("ShellCommandLine", shell.commandLine);
            if (source.role.equals("download")) {
                raise.raise("IOTA-014", e, List.of("User", "CommandLine"), "a download was piped into a shell: "
                        + source.commandLine + " | " + shell.commandLine, null, List.of(source.id, shell.id), t);
            } else {
                raise.raise("IOTA-008", e, List.of("User", "CommandLine"), "an encoded payload was decoded into a shell: "
                        + source.commandLine + " | " + shell.commandLine, null, List.of(source.id, shell.id), t);
            }
        }
        if (siblings.size() < 8) {
            siblings.add(me);
        }
    }

    @Override
    public long evictions() {
        return byParent.evictions();
    }
}
