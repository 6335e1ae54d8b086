package io.edgesec.detector.internal.stateful;

import io.edgesec.detector.internal.engine.BoundedLru;
import io.edgesec.detector.internal.engine.DetectorSettings;
import io.edgesec.detector.internal.view.EventView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IOTA-019: several kinds of discovery command (who am I, what system, what network, which
 * processes, which users ...) from one parent (an interactive shell, a script) within the window,
 * one of them asking who the session is ({@code id}, {@code whoami}): an intruder's first question
 * on a new shell, rarely an administrator's, whose health checks look at processes, sockets and
 * the system but know who they are. One kind alone, however often ({@code ss -l} in a loop), is
 * not reconnaissance.
 */
final class Reconnaissance extends OneEventRule {
    private static final java.util.regex.Pattern RE0 = java.util.regex.Pattern.compile("-[afiIsdA]+");
    private static final java.util.regex.Pattern RE1 = java.util.regex.Pattern.compile("(-[46a-z]+ )*(a|addr|address|r|ro|route|l|link|n|neigh)( .*)?");
    private static final java.util.regex.Pattern RE2 = java.util.regex.Pattern.compile("(passwd|group|shadow).*");
    private static final java.util.regex.Pattern RE3 = java.util.regex.Pattern.compile("-perm\\s+[-/]?(?:u=s|4000|2000|g=s|-4000|/4000|/6000)");
    private static final class Seen {
        final Instant start;
        final Set<String> kinds = new LinkedHashSet<>();
        final List<String> evidence = new ArrayList<>();
        final List<String> commands = new ArrayList<>();

        Seen(Instant start) {
            this.start = start;
        }
    }

    private final int threshold;
    private final Duration window;
    private final BoundedLru<Integer, Seen> byParent;

    Reconnaissance(DetectorSettings s) {
        super("ProcessCreate");
        threshold = s.reconThreshold;
        window = s.reconWindow;
        byParent = new BoundedLru<>(s.stateCapacity);
    }

    /** @return the kind of discovery this command is, or null */
    private static final Set<String> PROGRAMS = Set.of("id", "whoami", "groups", "uname", "lsb_release", "hostnamectl",
            "hostname", "ifconfig", "iwconfig", "arp", "route", "ip", "netstat", "ss", "ps", "top", "pstree", "last",
            "lastlog", "w", "who", "users", "crontab", "getent", "sudo", "find", "cat", "head", "less", "more", "grep", "awk",
            "lscpu", "lsmod", "lsblk", "dmidecode", "lspci", "lsusb");

    static String kind(EventView v) {
        String p = v.argv0Base();
        if (!PROGRAMS.contains(p)) {
            return null; // most processes: no split of the command line
        }
        switch (p) {
            case "id", "whoami", "groups" -> {
                return "identity";
            }
            case "uname", "lsb_release", "hostnamectl" -> {
                return "system";
            }
            case "hostname" -> {
                return v.argv().size() == 1 || RE0.matcher(args(v)).matches() ? "system" : null;
            }
            case "ifconfig", "iwconfig", "arp", "route" -> {
                return "network";
            }
            case "ip" -> {
                return RE1.matcher(args(v)).matches() ? "network" : null;
            }
            case "netstat", "ss" -> {
                return "sockets";
            }
            case "ps", "top", "pstree" -> {
                return "processes";
            }
            case "last", "lastlog", "w", "who", "users" -> {
                return "logins";
            }
            case "crontab" -> {
                return args(v).contains("-l") ? "schedules" : null;
            }
            case "getent" -> {
                return RE2.matcher(args(v)).matches() ? "accounts" : null;
            }
            case "sudo" -> {
                String args = args(v);
                return args.equals("-l") || args.equals("-ll") ? "privileges" : null;
            }
            case "find" -> {
                return RE3.matcher(args(v)).find() ? "privileges" : null;
            }
            case "cat", "head", "less", "more", "grep", "awk" -> {
                String c = v.commandLine();
                if (!c.contains("/etc/") && !c.contains("/proc/") && c.indexOf('\\') < 0) {
                    return null; // no file of interest: the arguments (unescaped) cannot name one either
                }
                return fileKind(args(v));
            }
            case "lscpu", "lsmod", "lsblk", "dmidecode", "lspci", "lsusb" -> {
                return "hardware";
            }
            default -> {
                return null;
            }
        }
    }

    /** @return the arguments after argv[0], joined by single spaces */
    private static String args(EventView v) {
        List<String> a = v.argv();
        return a.size() > 1 ? String.join(" ", a.subList(1, a.size())) : "";
    }

    /**
     * What a file reader (cat, grep ...) looks at, by the files its arguments name: accounts
     * ({@code /etc/passwd}, group, shadow, sudoers) before the system ({@code /etc/*-release},
     * issue, hostname, {@code /proc/version}, cpuinfo) before the network ({@code /etc/hosts},
     * resolv.conf, {@code /proc/net/}), each anywhere in the arguments. Every cat and grep of a
     * health check comes here, so this scans for the two directories instead of running three
     * regexes (the same answers as {@code /etc/(?:passwd|group|shadow|sudoers)}, then
     * {@code /etc/(?:os-release|issue|lsb-release|[a-z]+-release|hostname)|/proc/(?:version|cpuinfo)},
     * then {@code /etc/(?:hosts|resolv\.conf)|/proc/net/}: {@code ReconnaissanceTest} compares them).
     */
    static String fileKind(String args) {
        boolean system = false;
        boolean network = false;
        for (int i = args.indexOf("/etc/"); i >= 0; i = args.indexOf("/etc/", i + 1)) {
            int j = i + 5;
            if (args.startsWith("passwd", j) || args.startsWith("group", j) || args.startsWith("shadow", j)
                    || args.startsWith("sudoers", j)) {
                return "accounts";
            }
            if (!system) {
                int k = j;
                while (k < args.length() && args.charAt(k) >= 'a' && args.charAt(k) <= 'z') {
                    k++;
                }
                system = (k > j && args.startsWith("-release", k)) || args.startsWith("issue", j)
                        || args.startsWith("hostname", j);
            }
            network |= args.startsWith("hosts", j) || args.startsWith("resolv.conf", j);
        }
        for (int i = args.indexOf("/proc/"); i >= 0 && !system; i = args.indexOf("/proc/", i + 1)) {
            int j = i + 6;
            system = args.startsWith("version", j) || args.startsWith("cpuinfo", j);
            network |= args.startsWith("net/", j);
        }
        return system ? "system" : network ? "network" : null;
    }

    @Override
    void judge(EventView v, Raiser raise) {
        String kind = kind(v);
        if (kind == null) {
            return;
        }
        Instant t = v.event().timestamp();
        int parent = v.ppid();
        Seen s = byParent.get(parent);
        if (s == null || t.isAfter(s.start.plus(window))) {
            s = new Seen(t);
            byParent.put(parent, s);
        }
        s.kinds.add(kind);
        if (s.evidence.size() < 20) {
            s.evidence.add(v.event().id());
            s.commands.add(v.commandLine());
        }
        if (s.kinds.size() >= threshold && s.kinds.contains("identity")) {
            Map<String, String> e = raise.entities(v);
            e.remove("CommandLine");
            e.remove("Executable");
            e.remove("ProcessId");
            e.put("ParentProcessId", Integer.toString(parent));
            raise.raise("IOTA-019", e, List.of("ParentProcessId", "User"), s.kinds.size()
                    + " kinds of discovery command (" + String.join(", ", s.kinds) + ") from one parent within "
                    + window.toSeconds() + " s: " + String.join("; ", s.commands), null, List.copyOf(s.evidence), t);
        }
    }

    @Override
    public long evictions() {
        return byParent.evictions();
    }
}
