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
 */
public final class AuditRules {
    private final Auditctl auditctl;
    private final String key;
    private final List<List<String>> installed = new ArrayList<>();

    public AuditRules(Auditctl auditctl, String key) {
        this.auditctl = auditctl;
        this.key = key;
    }

    /** @return the rule specifications ({@code -a always,exit ...} without the action) */
    public static List<List<String>> rulesFor(Set<EventKind> kinds, List<String> arches, String key) {
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
        return rules;
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
