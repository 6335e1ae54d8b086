package io.edgesec.collector.audit.internal.rules;

import io.edgesec.collector.audit.internal.events.EventKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The audit rules this collector needs, installed through auditctl when configured to, each
 * tagged with the collector's key. Only rules that this instance actually added are removed on
 * {@link #removeInstalled()}: a rule that already existed ("Rule exists") belongs to someone
 * else and stays.
 *
 * <p>Rules per ABI (b64 and, on 64-bit kernels with a 32-bit compat ABI, b32):
 * execve/execveat for ProcessCreate; connect (every result: a non-blocking connect ends with
 * EINPROGRESS, which Azure's {@code success=1} filter missed), accept/accept4 (successful),
 * bind (successful) and socket for AF_INET/AF_INET6 only (so connect on a UDP socket is
 * reported as udp) for ConnectionCreate. Logins and account changes come from PAM and shadow
 * utilities without rules.
 *
 * <p>For FileChange (the alerts IOTA-023, -043, -045): watches with {@code perm=wa} (writes and
 * attribute changes, including creating, renaming and removing names in a watched directory) on
 * {@link #WATCHED}, each a {@code path=} watch so that the rule loads whether the file or
 * directory exists or not (only its parent must); and, per ABI, the destructive calls under
 * /var/log only ({@code dir=/var/log}): unlink, rename, truncate and opens with O_TRUNC, never
 * plain writes (logs are written all the time). ftruncate takes a descriptor, not a path, so no
 * {@code dir=} filter can scope it: {@code truncate -s 0 file} is left to the execve evidence.
 * {@link #hostWatches} adds, on the machine at hand, {@code dir=} watches on those of the
 * directories that exist (they also see appends to files already there) and the users'
 * {@code ~/.ssh}. For KernelModule: init_module, finit_module, delete_module. CONFIG_CHANGE
 * records need no rule. Every rule is {@code success=1}: a change that did not happen is no
 * change.
 */
public final class AuditRules {
    private final Auditctl auditctl;
    private final String key;
    private final List<List<String>> installed = new ArrayList<>();

    /** The files and directories watched on every host ({@code -F path=... -F perm=wa}). */
    public static final List<String> WATCHED = List.of("/etc/sudoers", "/etc/sudoers.d", "/root/.ssh",
            "/etc/crontab", "/etc/cron.d", "/etc/cron.hourly", "/etc/cron.daily", "/etc/cron.weekly",
            "/etc/cron.monthly", "/var/spool/cron", "/etc/systemd/system");
    /** Directories watched recursively ({@code dir=}) where they exist: appends to files already in them count too. */
    static final List<String> WATCHED_TREES = List.of("/etc/sudoers.d", "/etc/cron.d", "/etc/cron.hourly",
            "/etc/cron.daily", "/etc/cron.weekly", "/etc/cron.monthly", "/var/spool/cron", "/etc/systemd/system");
    /** O_TRUNC (asm-generic/fcntl.h; the same on x86, arm, arm64, riscv, mips, ppc, s390). */
    private static final String O_TRUNC = "0x200";
    /** At most this many users' ~/.ssh are watched (a rule per user; the kernel's rule list is shared). */
    static final int MAX_HOMES = 64;

    public AuditRules(Auditctl auditctl, String key) {
        this.auditctl = auditctl;
        this.key = key;
    }

    /** @return the rule specifications ({@code -a always,exit ...} without the action) */
    public static List<List<String>> rulesFor(Set<EventKind> kinds, List<String> arches, String key) {
        return rulesFor(kinds, arches, key, legacySyscalls64());
    }

    /**
     * @param legacy64 whether the 64-bit ABI still has unlink, rename, open and creat (x86_64
     *                 does; arm64 and riscv64 have only the *at calls, and auditctl refuses the
     *                 other names)
     * @return the rule specifications ({@code -a always,exit ...} without the action)
     */
    public static List<List<String>> rulesFor(Set<EventKind> kinds, List<String> arches, String key, boolean legacy64) {
        List<List<String>> rules = new ArrayList<>();
        for (String arch : arches) {
            if (kinds.contains(EventKind.PROCESS_CREATE)) {
                rules.add(List.of("always,exit", "-F", "arch=" + arch, "-S", "execve", "-F", "success=1", "-k", key));
                rules.add(List.of("always,exit", "-F", "arch=" + arch, "-S", "execveat", "-F", "success=1", "-k", key));
            }
            if (kinds.contains(EventKind.CONNECTION_CREATE)) {
                rules.add(List.of("always,exit", "-F", "arch=" + arch, "-S", "connect", "-k", key));
                // one syscall per rule; i386 has accept4 but no accept (auditctl refuses the name, which
                // was reported as an Error on every start of a 64-bit host)
                if (!arch.equals("b32")) {
                    rules.add(List.of("always,exit", "-F", "arch=" + arch, "-S", "accept", "-F", "success=1", "-k", key));
                }
                rules.add(List.of("always,exit", "-F", "arch=" + arch, "-S", "accept4", "-F", "success=1", "-k", key));
                rules.add(List.of("always,exit", "-F", "arch=" + arch, "-S", "bind", "-F", "success=1", "-k", key));
                rules.add(List.of("always,exit", "-F", "arch=" + arch, "-S", "socket", "-F", "a0=2", "-F", "success=1", "-k", key));
                rules.add(List.of("always,exit", "-F", "arch=" + arch, "-S", "socket", "-F", "a0=10", "-F", "success=1", "-k", key));
            }
        }
        if (kinds.contains(EventKind.FILE_CHANGE)) {
            for (String path : WATCHED) {
                rules.add(List.of("always,exit", "-F", "path=" + path, "-F", "perm=wa", "-F", "success=1", "-k", key));
            }
            for (String arch : arches) {
                boolean legacy = arch.equals("b32") || legacy64;
                List<String> calls = new ArrayList<>();
                if (legacy) {
                    calls.add("unlink");
                }
                calls.add("unlinkat");
                if (legacy) {
                    calls.add("rename");
                }
                calls.addAll(List.of("renameat", "renameat2", "truncate"));
                if (arch.equals("b32")) {
                    calls.add("truncate64"); // what glibc's truncate() calls on 32-bit ABIs
                }
                if (legacy) {
                    calls.add("creat");
                }
                for (String call : calls) {
                    rules.add(List.of("always,exit", "-F", "arch=" + arch, "-S", call, "-F", "dir=/var/log", "-F", "success=1",
                            "-k", key));
                }
                if (legacy) {
                    rules.add(List.of("always,exit", "-F", "arch=" + arch, "-S", "open", "-F", "a1&" + O_TRUNC, "-F", "dir=/var/log",
                            "-F", "success=1", "-k", key));
                }
                rules.add(List.of("always,exit", "-F", "arch=" + arch, "-S", "openat", "-F", "a2&" + O_TRUNC, "-F", "dir=/var/log",
                        "-F", "success=1", "-k", key));
            }
        }
        if (kinds.contains(EventKind.KERNEL_MODULE)) {
            for (String arch : arches) {
                for (String call : List.of("init_module", "finit_module", "delete_module")) {
                    rules.add(List.of("always,exit", "-F", "arch=" + arch, "-S", call, "-F", "success=1", "-k", key));
                }
            }
        }
        return rules;
    }

    /** @return whether this JVM's 64-bit ABI has the legacy path calls (x86_64) */
    static boolean legacySyscalls64() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /**
     * The watches that depend on the machine, seen under {@code hostRoot}: a recursive
     * {@code dir=} watch on each of {@link #WATCHED_TREES} that exists, and for each account of
     * {@code passwd} with a login range uid (0, or 1000 to 65533) and an existing home, a watch on
     * {@code ~/.ssh} (for root it is in {@link #WATCHED}) and, where that exists, on
     * {@code ~/.ssh/authorized_keys} (so an append to the existing file is seen; the directory
     * watch sees only names created, renamed or removed). At most {@link #MAX_HOMES} homes.
     * Accounts and directories made later are watched from the collector's next start.
     *
     * @param passwd the passwd file (null: no users)
     */
    public static List<List<String>> hostWatches(Set<EventKind> kinds, String hostRoot, java.nio.file.Path passwd, String key) {
        List<List<String>> rules = new ArrayList<>();
        if (!kinds.contains(EventKind.FILE_CHANGE)) {
            return rules;
        }
        for (String dir : WATCHED_TREES) {
            if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(hostRoot + dir))) {
                rules.add(List.of("always,exit", "-F", "dir=" + dir, "-F", "perm=wa", "-F", "success=1", "-k", key));
            }
        }
        for (String home : homes(passwd)) {
            if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of(hostRoot + home))) {
                continue;
            }
            String ssh = (home.endsWith("/") ? home : home + "/") + ".ssh";
            if (!ssh.equals("/root/.ssh")) {
                rules.add(List.of("always,exit", "-F", "path=" + ssh, "-F", "perm=wa", "-F", "success=1", "-k", key));
            }
            if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(hostRoot + ssh))) {
                rules.add(List.of("always,exit", "-F", "path=" + ssh + "/authorized_keys", "-F", "perm=wa", "-F", "success=1",
                        "-k", key));
            }
        }
        return rules;
    }

    /** @return the distinct homes of root and of the accounts with uid 1000..65533, at most {@link #MAX_HOMES} */
    static List<String> homes(java.nio.file.Path passwd) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        out.add("/root");
        if (passwd == null) {
            return List.copyOf(out);
        }
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(passwd, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.copyOf(out);
        }
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length < 7 || out.size() >= MAX_HOMES) {
                continue;
            }
            long uid;
            try {
                uid = Long.parseLong(f[2]);
            } catch (NumberFormatException e) {
                continue;
            }
            String home = f[5];
            if ((uid == 0 || uid >= 1000 && uid < 65534) && home.startsWith("/") && !home.equals("/")
                    && !home.contains("..") && !home.startsWith("/nonexistent")) {
                out.add(home);
            }
        }
        return List.copyOf(out);
    }

    /** Rules the collector can install here, with their paths as the kernel must see them, and the paths it cannot watch. */
    public record Scoped(List<List<String>> rules, List<String> skipped) {
    }

    /**
     * Resolves the {@code path=} and {@code dir=} of watch rules under {@code hostRoot} (the
     * kernel resolves a watch's path in the mount namespace of the auditctl that adds it: in a
     * container, {@code /host/etc/sudoers} is the host's file through the bind of /etc). A watch
     * is skipped when the directory it needs (a {@code path=}'s parent, a {@code dir=} itself)
     * does not exist, or, under a non-empty hostRoot, is not the host's (on the container's own
     * file system, the device of "/"): auditctl would refuse the first, and the second would
     * watch the container's files.
     */
    public static Scoped scope(List<List<String>> rules, String hostRoot) {
        List<List<String>> out = new ArrayList<>(rules.size());
        List<String> skipped = new ArrayList<>();
        Object rootDevice = hostRoot.isEmpty() ? null : device(java.nio.file.Path.of("/"));
        for (List<String> rule : rules) {
            int at = -1;
            for (int i = 0; i < rule.size(); i++) {
                if (rule.get(i).startsWith("path=") || rule.get(i).startsWith("dir=")) {
                    at = i;
                }
            }
            if (at < 0) {
                out.add(rule);
                continue;
            }
            String field = rule.get(at);
            boolean dir = field.startsWith("dir=");
            String value = field.substring(field.indexOf('=') + 1);
            java.nio.file.Path seen = java.nio.file.Path.of(hostRoot + value);
            java.nio.file.Path needed = dir ? seen : seen.getParent();
            if (needed == null || !java.nio.file.Files.isDirectory(needed)
                    || rootDevice != null && rootDevice.equals(device(needed))) {
                if (!skipped.contains(value)) {
                    skipped.add(value);
                }
                continue;
            }
            List<String> r = new ArrayList<>(rule);
            r.set(at, field.substring(0, field.indexOf('=') + 1) + seen);
            out.add(List.copyOf(r));
        }
        return new Scoped(out, skipped);
    }

    private static Object device(java.nio.file.Path p) {
        try {
            return java.nio.file.Files.getAttribute(p, "unix:dev");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** @return the ABIs of this machine: b64 (+ b32 for compat) on 64-bit, b32 on 32-bit */
    public static List<String> localArches() {
        String arch = System.getProperty("os.arch", "");
        boolean is64 = arch.contains("64") || arch.equals("s390x");
        return is64 ? List.of("b64", "b32") : List.of("b32");
    }

    /**
     * Adds each rule; failures (a syscall unknown to an ABI, rule exists) are collected.
     *
     * @return one message per rule that was not added, empty if all were
     */
    public List<String> install(List<List<String>> rules) throws IOException {
        List<String> problems = new ArrayList<>();
        for (List<String> rule : rules) {
            List<String> args = new ArrayList<>(rule.size() + 1);
            args.add("-a");
            args.addAll(rule);
            Auditctl.Result r = auditctl.run(args);
            if (r.ok()) {
                synchronized (installed) {
                    installed.add(rule);
                }
            } else {
                problems.add("auditctl " + String.join(" ", args) + ": " + r.output());
            }
        }
        return problems;
    }

    /** Removes exactly the rules this instance added. @return messages for rules that stayed */
    public List<String> removeInstalled() {
        List<String> problems = new ArrayList<>();
        List<List<String>> mine;
        synchronized (installed) {
            mine = new ArrayList<>(installed);
            installed.clear();
        }
        for (List<String> rule : mine) {
            List<String> args = new ArrayList<>(rule.size() + 1);
            args.add("-d");
            args.addAll(rule);
            try {
                Auditctl.Result r = auditctl.run(args);
                if (!r.ok()) {
                    problems.add("auditctl " + String.join(" ", args) + ": " + r.output());
                }
            } catch (IOException e) {
                problems.add("auditctl " + String.join(" ", args) + ": " + e.getMessage());
            }
        }
        return problems;
    }

    public List<List<String>> installed() {
        synchronized (installed) {
            return List.copyOf(installed);
        }
    }

    public String key() {
        return key;
    }

    /** @return the kernel's audit status ({@code auditctl -s}) */
    public KernelAuditStatus status() throws IOException {
        Auditctl.Result r = auditctl.run("-s");
        if (!r.ok()) {
            throw new IOException("auditctl -s failed (" + r.exitCode() + "): " + r.output());
        }
        return KernelAuditStatus.parse(r.output());
    }
}
