package io.edgesec.detector.internal.stateful;

import io.edgesec.detector.internal.engine.BoundedLru;
import io.edgesec.detector.internal.engine.DetectorSettings;
import io.edgesec.detector.internal.engine.StatefulRule;
import io.edgesec.detector.internal.view.CommandLine;
import io.edgesec.detector.internal.view.EventView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IOTA-014: a file a downloader wrote (curl, wget, tftp, scp from a remote) is made executable or
 * executed within the window. IOTA-027: the same chain from a temporary path, then the binary is
 * deleted or competitors are killed (pkill/killall), as Mirai-class bots do. A download alone, or
 * chmod +x of a file nobody downloaded, raises nothing.
 */
final class DownloadThenRun extends OneEventRule {
    private static final java.util.regex.Pattern RE0 = java.util.regex.Pattern.compile("-[a-zA-Z]*O[a-zA-Z]*");
    private static final java.util.regex.Pattern RE1 = java.util.regex.Pattern.compile("[^-/][^/]*:.*");
    private static final java.util.regex.Pattern RE2 = java.util.regex.Pattern.compile("-[rwxXst]+");
    private static final java.util.regex.Pattern RE3 = java.util.regex.Pattern.compile("[ugoa]*[+=][rwxXst]*x[rwxXst]*(,.*)?");
    private static final java.util.regex.Pattern RE4 = java.util.regex.Pattern.compile("0?[0-7]*[1357][0-7]{0,2}");
    private static final java.util.regex.Pattern RE5 = java.util.regex.Pattern.compile("\\+x|a\\+x|u\\+x");
    private static final class Download {
        final String path;
        final String url;
        final Instant time;
        final List<String> evidence = new ArrayList<>();
        boolean executed;
        Map<String, String> runEntities;

        Download(String path, String url, Instant time, String id) {
            this.path = path;
            this.url = url;
            this.time = time;
            evidence.add(id);
        }
    }

    private static final java.util.Set<String> ACTIONS = java.util.Set.of("curl", "wget", "tftp", "scp", "busybox",
            "fetch", "aria2c", "chmod", "rm", "shred", "unlink", "pkill", "killall");

    private final Duration window;
    private final BoundedLru<String, Download> byPath;

    DownloadThenRun(DetectorSettings s) {
        super("ProcessCreate");
        window = s.downloadWindow;
        byPath = new BoundedLru<>(s.stateCapacity);
    }

    @Override
    void judge(EventView v, Raiser raise) {
        String prog = v.argv0Base();
        boolean script = StatefulRules.isShell(prog) || StatefulRules.isInterpreter(prog);
        if (!script && !ACTIONS.contains(prog) && byPath.isEmpty()) {
            return; // nothing downloaded is being watched, and this is no download
        }
        // a shell or interpreter's arguments matter only while a download is watched: no split otherwise
        List<String> a = ACTIONS.contains(prog) || script && !byPath.isEmpty() ? v.argv() : List.of();
        Instant t = v.event().timestamp();
        switch (prog) {
            case "curl", "wget", "tftp", "scp", "busybox", "fetch", "aria2c" -> download(v, prog, a, t);
            case "chmod" -> chmod(v, a, t, raise);
            case "rm", "shred", "unlink" -> removed(v, a, t, raise);
            case "pkill", "killall" -> killed(v, t, raise);
            default -> { }
        }
        // executed: the executable itself, or a shell/interpreter running it as a script
        if (byPath.isEmpty()) {
            return; // nothing downloaded is being watched
        }
        String exe = v.executable();
        Download d = fresh(exe, t);
        if (d == null && a.size() >= 2 && script) {
            for (int i = 1; i < a.size() && d == null; i++) {
                if (!a.get(i).startsWith("-")) {
                    d = fresh(resolve(v, a.get(i)), t);
                    break;
                }
            }
        }
        if (d != null) {
            d.executed = true;
            d.evidence.add(v.event().id());
            Map<String, String> e = raise.entities(v);
            e.put("File", d.path);
            if (d.url != null) {
                e.put("Url", d.url);
            }
            d.runEntities = e;
            raise.raise("IOTA-014", e, List.of("File"), "the downloaded file " + d.path
                    + (d.url != null ? " (from " + d.url + ")" : "") + " was executed: " + v.commandLine(), null,
                    List.copyOf(d.evidence), t);
        }
    }

    private void download(EventView v, String prog, List<String> a, Instant t) {
        if (prog.equals("busybox")) {
            if (a.size() < 2 || !(a.get(1).equals("wget") || a.get(1).equals("tftp"))) {
                return;
            }
            a = a.subList(1, a.size());
            prog = a.get(0);
        }
        String out = null;
        String url = null;
        String dir = null;
        boolean remoteName = false;
        for (int i = 1; i < a.size(); i++) {
            String s = a.get(i);
            String next = i + 1 < a.size() ? a.get(i + 1) : null;
            if (s.contains("://")) {
                url = s;
            }
            switch (prog) {
                case "curl" -> {
                    if ((s.equals("-o") || s.equals("--output")) && next != null) {
                        out = next;
                        i++;
                    } else if (s.startsWith("--output=")) {
                        out = s.substring(9);
                    } else if (s.startsWith("-o") && s.length() > 2 && !s.startsWith("--")) {
                        out = s.substring(2);
                    } else if (s.equals("-O") || s.equals("--remote-name") || RE0.matcher(s).matches() && !s.startsWith("--")) {
                        remoteName = true;
                    }
                }
                case "wget" -> {
                    if ((s.equals("-O") || s.equals("--output-document")) && next != null) {
                        out = next;
                        i++;
                    } else if (s.startsWith("--output-document=")) {
                        out = s.substring(18);
                    } else if (s.startsWith("-O") && s.length() > 2) {
                        out = s.substring(2);
                    } else if ((s.equals("-P") || s.equals("--directory-prefix")) && next != null) {
                        dir = next;
                        i++;
                    } else if (s.startsWith("--directory-prefix=")) {
                        dir = s.substring(19);
                    }
                }
                case "tftp" -> {
                    if ((s.equals("-l") || s.equals("-r")) && next != null) {
                        if (s.equals("-l") || out == null) {
                            out = next;
                        }
                        i++;
                    }
                }
                default -> { }
            }
        }
        if (prog.equals("wget") && out == null && url != null) {
            remoteName = true;
        }
        if (prog.equals("scp") && a.size() >= 3) {
            String last = a.get(a.size() - 1);
            boolean remoteSource = false;
            for (int i = 1; i < a.size() - 1; i++) {
                if (RE1.matcher(a.get(i)).matches()) {
                    remoteSource = true;
                }
            }
            if (remoteSource && !last.contains(":")) {
                out = last;
                url = a.get(a.size() - 2);
            }
        }
        if (out == null && remoteName && url != null) {
            String path = url.replaceFirst("[?#].*$", "");
            String base = CommandLine.baseName(path);
            out = base.isEmpty() ? "index.html" : base;
            if (dir != null) {
                out = dir + "/" + out;
            }
        }
        if (out == null || out.equals("-") || out.startsWith("/dev/null") || out.startsWith("/dev/std")) {
            return;
        }
        String path = resolve(v, out);
        byPath.put(path, new Download(path, url, t, v.event().id()));
    }

    private void chmod(EventView v, List<String> a, Instant t, Raiser raise) {
        boolean exec = false;
        for (int i = 1; i < a.size(); i++) {
            String s = a.get(i);
            if (s.startsWith("-") && !RE2.matcher(s).matches()) {
                continue;
            }
            if (RE3.matcher(s).matches() || RE4.matcher(s).matches() && s.length() >= 3
                    || RE5.matcher(s).matches()) {
                exec = true;
                continue;
            }
            if (!exec) {
                continue;
            }
            Download d = fresh(resolve(v, s), t);
            if (d != null) {
                d.evidence.add(v.event().id());
                Map<String, String> e = raise.entities(v);
                e.put("File", d.path);
                if (d.url != null) {
                    e.put("Url", d.url);
                }
                raise.raise("IOTA-014", e, List.of("File"), "the downloaded file " + d.path
                        + (d.url != null ? " (from " + d.url + ")" : "") + " was made executable: " + v.commandLine(),
                        null, List.copyOf(d.evidence), t);
            }
        }
    }

    private void removed(EventView v, List<String> a, Instant t, Raiser raise) {
        for (int i = 1; i < a.size(); i++) {
            Download d = fresh(resolve(v, a.get(i)), t);
            if (d != null && d.executed && StatefulRules.isTempPath(d.path)) {
                bot(v, d, t, raise, "then deleted (" + v.commandLine() + ")");
            }
        }
    }

    private void killed(EventView v, Instant t, Raiser raise) {
        for (Download d : byPath.values()) {
            if (d.executed && StatefulRules.isTempPath(d.path) && !t.isAfter(d.time.plus(window))) {
                bot(v, d, t, raise, "then other processes were killed (" + v.commandLine() + ")");
                return;
            }
        }
    }

    private void bot(EventView v, Download d, Instant t, Raiser raise, String what) {
        List<String> ev = new ArrayList<>(d.evidence);
        ev.add(v.event().id());
        Map<String, String> e = d.runEntities != null ? new java.util.LinkedHashMap<>(d.runEntities) : raise.entities(v);
        e.put("File", d.path);
        raise.raise("IOTA-027", e, List.of("File"), "a file downloaded to " + d.path + " was made executable and run, "
                + what + ", as Linux bots do", null, ev, t);
    }

    private Download fresh(String path, Instant t) {
        Download d = byPath.get(path);
        if (d == null) {
            return null;
        }
        if (t.isAfter(d.time.plus(window))) {
            byPath.remove(path);
            return null;
        }
        return d;
    }

    static String resolve(EventView v, String p) {
        if (p.startsWith("/")) {
            return normalize(p);
        }
        String cwd = v.cwd();
        if (cwd.isEmpty()) {
            return p.startsWith("./") ? p.substring(2) : p;
        }
        return normalize(cwd + "/" + p);
    }

    private static String normalize(String p) {
        try {
            return java.nio.file.Path.of(p).normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return p;
        }
    }

    @Override
    public String stateName() {
        return "downloads";
    }

    @Override
    public List<Map<String, Object>> snapshot() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Download d : byPath.values()) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("path", d.path);
            m.put("url", d.url);
            m.put("time", d.time.toString());
            m.put("evidence", d.evidence);
            m.put("executed", d.executed);
            if (d.runEntities != null) {
                m.put("runEntities", d.runEntities);
            }
            out.add(m);
        }
        return out;
    }

    @Override
    public void restore(List<Map<String, Object>> entries, Instant now) {
        SavedState.forEach(entries, m -> {
            Instant t = Instant.parse(String.valueOf(m.get("time")));
            if (now.isAfter(t.plus(window))) {
                return;
            }
            List<?> ev = (List<?>) m.get("evidence");
            Download d = new Download(String.valueOf(m.get("path")), m.get("url") == null ? null : String.valueOf(m.get("url")),
                    t, String.valueOf(ev.get(0)));
            for (int i = 1; i < ev.size(); i++) {
                d.evidence.add(String.valueOf(ev.get(i)));
            }
            d.executed = Boolean.TRUE.equals(m.get("executed"));
            d.runEntities = SavedState.texts(m.get("runEntities"));
            byPath.put(d.path, d);
        });
    }

    @Override
    public long evictions() {
        return byPath.evictions();
    }
}
