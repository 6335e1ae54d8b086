package io.edgesec.collector.audit.internal.events;

import static io.edgesec.collector.audit.internal.events.PayloadFields.hasKey;
import static io.edgesec.collector.audit.internal.events.PayloadFields.orEmpty;
import static io.edgesec.collector.audit.internal.events.PayloadFields.putIdIfSet;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.parse.AuditEvent;
import io.edgesec.collector.audit.internal.parse.AuditRecord;
import io.edgesec.collector.audit.internal.parse.RecordTypes;
import io.edgesec.support.UserNames;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * Turns assembled audit events into security events with the Azure payload field names:
 * ProcessCreate (execve/execveat), ConnectionCreate (connect out, accept in; tcp and udp; never
 * unix or netlink), Login (USER_LOGIN, USER_AUTH, USER_ERR) and AccountChange (user and group
 * management records); and edgesec's FileChange (a successful syscall caught by one of the
 * collector's own watch or /var/log rules, recognised by the rule key), KernelModule
 * (init_module, finit_module, delete_module) and AuditConfigurationChange (CONFIG_CHANGE).
 * socket(2) and bind(2) records feed a {@link SocketTable} for protocol and local address.
 * This class routes each event and maps the syscall events itself (ProcessCreate,
 * ConnectionCreate); {@link FileChanges}, {@link AccountEvents} and {@link SystemChanges} map the
 * others, all with the shared fields of {@link PayloadFields}. Not thread-safe: one mapper per
 * pipeline.
 */
public final class EventMapper {
    private static final long EINPROGRESS = -115;
    private static final String[] ARG_KEYS = {"a0", "a1"};

    private final Set<EventKind> kinds;
    private final SocketTable sockets = new SocketTable(65536);
    private final AuditRecord.DecodeErrors errors;
    private final PayloadFields fields;
    private final FileChanges fileChanges;
    private final AccountEvents accounts;
    private final SystemChanges systemChanges;
    private String ruleKey = "edgesec";
    private LongPredicate ownProcess = pid -> false;

    public EventMapper(Set<EventKind> kinds, UserNames userNames, AuditRecord.DecodeErrors errors) {
        this.kinds = kinds.isEmpty() ? EnumSet.noneOf(EventKind.class) : EnumSet.copyOf(kinds);
        this.errors = errors;
        this.fields = new PayloadFields(userNames, errors);
        this.fileChanges = new FileChanges(fields);
        this.accounts = new AccountEvents(fields);
        this.systemChanges = new SystemChanges(fields);
    }

    /**
     * The key of the collector's rules: a file event is this collector's only if its rule
     * carried the key (a host's own watches, e.g. CIS rules on /etc/passwd, are not sent), and a
     * rule of this key removed by someone else is flagged. Default {@code edgesec}.
     */
    public void ruleKey(String key) {
        this.ruleKey = key;
    }

    /** Which pids are the collector's own auditctl runs (its own rule changes are flagged as such). */
    public void ownProcesses(LongPredicate own) {
        this.ownProcess = own;
    }

    /**
     * Maps one event; emits zero or one security event to {@code out}. Never throws for bad data.
     *
     * <p>The syscall events are routed here, not in a method of their own, and that makes this
     * method over 325 bytecodes on purpose: C2 then never inlines it into its callers (the
     * pipeline's event, record and line, the splitter's callback), which it compiles each as a
     * root of its own, so the mapping is compiled once, here, instead of once into each of them
     * (bench/RESULTS.md, audit-c2). Keep it over 325 (javap -c) and processCreate under.
     */
    public void map(AuditEvent e, Consumer<SecurityEvent> out) {
        AuditRecord first = e.records().get(0);
        int code = first.code();
        SecurityEvent ev = null;
        AuditRecord sc = e.first(RecordTypes.SYSCALL);
        if (sc != null) {
            long archValue = sc.hexNumber("arch", -1);
            Syscall call = syscallOf(sc, archValue);
            if (!call.mapped()) {
                // most audited syscalls end here, before any field but the key is read
                ev = unmapped(e, sc);
            } else if (call == Syscall.EXECVE || call == Syscall.EXECVEAT) {
                ev = kinds.contains(EventKind.PROCESS_CREATE) && !sc.valueIs("success", "no") ? processCreate(e, sc) : null;
            } else {
                ev = socketOrModule(e, sc, call, archValue, true);
            }
        } else {
            switch (code) {
                case RecordTypes.USER_LOGIN:
                case RecordTypes.USER_AUTH:
                case RecordTypes.USER_ERR:
                    ev = kinds.contains(EventKind.LOGIN) ? accounts.login(e, first) : null;
                    break;
                case RecordTypes.ADD_USER:
                case RecordTypes.DEL_USER:
                case RecordTypes.ADD_GROUP:
                case RecordTypes.DEL_GROUP:
                case RecordTypes.USER_MGMT:
                case RecordTypes.GRP_MGMT:
                case RecordTypes.USER_CHAUTHTOK:
                case RecordTypes.GRP_CHAUTHTOK:
                case RecordTypes.CHUSER_ID:
                case RecordTypes.CHGRP_ID:
                case RecordTypes.ACCT_LOCK:
                case RecordTypes.ACCT_UNLOCK:
                    ev = kinds.contains(EventKind.ACCOUNT_CHANGE) ? accounts.accountChange(e, first) : null;
                    break;
                case RecordTypes.CONFIG_CHANGE:
                    ev = configChange(e, first, null);
                    break;
                default:
                    break;
            }
        }
        if (ev != null) {
            out.accept(ev);
        }
    }

    /**
     * Takes note of what an event says about sockets (socket(2), bind(2), accept) without
     * emitting anything: the event was mapped by the other source's pipeline (log and plugin
     * socket deduplicated), but this pipeline's {@link SocketTable} must know it too, or a later
     * connect that this pipeline maps first would lose its protocol and local address.
     */
    public void track(AuditEvent e) {
        AuditRecord sc = e.first(RecordTypes.SYSCALL);
        if (sc != null) {
            long archValue = sc.hexNumber("arch", -1);
            Syscall call = syscallOf(sc, archValue);
            if (call.mapped() && call != Syscall.EXECVE && call != Syscall.EXECVEAT) {
                socketOrModule(e, sc, call, archValue, false); // the socket table's part only
            }
        }
    }

    private static Syscall syscallOf(AuditRecord sc, long archValue) {
        Arch arch = Arch.of(archValue);
        long number = sc.number("syscall", -1);
        return arch != null ? arch.syscall(number) : Syscall.byName(sc.enriched("SYSCALL"));
    }

    /**
     * The socket calls (socket table, ConnectionCreate) and the module calls (KernelModule),
     * apart from {@link #map} on purpose. C2 compiles a hot method with every method of up
     * to 325 bytecodes that it calls often inlined, within a budget of 8,000 bytecodes, spent
     * in an order of its own; this method is over 325, so it is compiled on its own and what it
     * calls (KernelModule's mapping among them) cannot spend the budget of the code that
     * processCreate, the commonest event, is inlined into (map). When it could, ProcessCreate
     * ran in first-tier code until processCreate was compiled by itself, a dozen passes of the
     * benchmark later (bench/RESULTS.md, audit warm-up).
     */
    private SecurityEvent socketOrModule(AuditEvent e, AuditRecord sc, Syscall call, long archValue, boolean emit) {
        long[] args = args(sc);
        if (call == Syscall.SOCKETCALL) {
            call = Syscall.socketcall(args[0]);
            // the real arguments are in the SOCKETCALL record: nargs=N a0=.. a1=..
            AuditRecord sockcall = e.first(RecordTypes.SOCKETCALL);
            args = sockcall == null ? new long[] {-1, -1} : args(sockcall);
        }
        boolean success = !sc.valueIs("success", "no");
        long exit = sc.number("exit", Long.MIN_VALUE);
        long pid = sc.number("pid", -1);
        switch (call) {
            case SOCKET:
                if (success && exit >= 0 && (args[0] == SockAddr.AF_INET || args[0] == SockAddr.AF_INET6)) {
                    sockets.socket(pid, exit, args[1]);
                }
                return null;
            case BIND: {
                SockAddr sa = sockaddr(e, archValue);
                // port 0 asks the kernel to pick one; the record does not say which: unknown
                if (success && sa != null && sa.isInet() && sa.port > 0) {
                    sockets.bind(pid, args[0], sa.address, sa.port);
                }
                return null;
            }
            case CONNECT:
                if (!emit || !(success || exit == EINPROGRESS)) {
                    return null; // refused, unreachable ...: no connection was made
                }
                return connection(e, sc, archValue, args[0], false, exit == EINPROGRESS);
            case INIT_MODULE:
            case FINIT_MODULE:
            case DELETE_MODULE:
                return emit && kinds.contains(EventKind.KERNEL_MODULE) ? systemChanges.kernelModule(e, sc, call) : null;
            case ACCEPT:
            case ACCEPT4:
                if (!success || exit < 0) {
                    return null;
                }
                sockets.socket(pid, exit, SocketTable.SOCK_STREAM);
                return emit ? connection(e, sc, archValue, args[0], true, false) : null;
            default:
                return null;
        }
    }

    /**
     * The first two arguments (a0, a1: the mapped calls use no more), -1 when absent; in a loop,
     * so that the field lookup is inlined once into the compiled caller, not once per argument.
     */
    private static long[] args(AuditRecord r) {
        long[] out = new long[ARG_KEYS.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = r.hexNumber(ARG_KEYS[k], -1);
        }
        return out;
    }

    private SecurityEvent unmapped(AuditEvent e, AuditRecord sc) {
        if (kinds.contains(EventKind.AUDIT_CONFIGURATION_CHANGE)) {
            AuditRecord cc = e.first(RecordTypes.CONFIG_CHANGE);
            if (cc != null) {
                return configChange(e, cc, sc); // auditctl's sendto on the audit netlink socket
            }
        }
        if (kinds.contains(EventKind.FILE_CHANGE) && sc.valueIs("success", "yes") && e.first(RecordTypes.PATH) != null
                && hasKey(sc, ruleKey)) {
            return fileChanges.map(e, sc);
        }
        return null;
    }

    private SecurityEvent configChange(AuditEvent e, AuditRecord cc, AuditRecord sc) {
        return kinds.contains(EventKind.AUDIT_CONFIGURATION_CHANGE)
                ? systemChanges.auditConfigurationChange(e, cc, sc, ruleKey, ownProcess) : null;
    }

    private SockAddr sockaddr(AuditEvent e, long archValue) {
        AuditRecord r = e.first(RecordTypes.SOCKADDR);
        if (r == null) {
            return null;
        }
        return SockAddr.parse(r.get("saddr"), archValue < 0 || Arch.isLittleEndian(archValue));
    }

    // kept under 325 bytecodes (the command line apart), so that C2 inlines it (see socketOrModule)
    private SecurityEvent processCreate(AuditEvent e, AuditRecord sc) {
        Map<String, Object> p = new LinkedHashMap<>(12);
        p.put("Executable", orEmpty(sc.untrusted("exe", errors)));
        Map<String, String> extra = new LinkedHashMap<>(4);
        p.put("CommandLine", commandLine(e, extra));
        String uid = sc.get("uid");
        p.put("UserId", orEmpty(uid));
        fields.putUserName(p, sc, "UID", uid);
        p.put("ProcessId", (int) sc.number("pid", -1));
        p.put("ParentProcessId", (int) sc.number("ppid", -1));
        putIdIfSet(extra, "AuditUserId", sc.get("auid"));
        AuditRecord cwd = e.first(RecordTypes.CWD);
        if (cwd != null) {
            extra.put("Cwd", orEmpty(cwd.untrusted("cwd", errors)));
        }
        if (!extra.isEmpty()) {
            p.put("ExtraDetails", extra);
        }
        return SecurityEvent.builder(EventNames.PROCESS_CREATE).timestamp(e.timestamp()).payload(p).build();
    }

    /** The command line from the EXECVE records, else from PROCTITLE; notes either case's detail in {@code extra}. */
    private String commandLine(AuditEvent e, Map<String, String> extra) {
        List<AuditRecord> execve = e.all(RecordTypes.EXECVE);
        if (execve.isEmpty()) {
            extra.put("CommandLineSource", "proctitle");
            return fields.proctitle(e);
        }
        ExecveArgs a = ExecveArgs.from(execve, errors);
        if (a.missing > 0) {
            extra.put("MissingArguments", Integer.toString(a.missing));
        }
        return ExecveArgs.commandLine(a.args);
    }

    private SecurityEvent connection(AuditEvent e, AuditRecord sc, long archValue, long fd, boolean inbound,
                                     boolean inProgress) {
        if (!kinds.contains(EventKind.CONNECTION_CREATE)) {
            return null;
        }
        SockAddr sa = sockaddr(e, archValue);
        if (sa == null || !sa.isInet()) {
            return null; // unix, netlink, or no address: not a network connection
        }
        long pid = sc.number("pid", -1);
        SocketTable.Entry s = sockets.get(pid, fd);
        Map<String, String> extra = new LinkedHashMap<>(2);
        String protocol;
        if (inbound || inProgress) {
            protocol = "tcp"; // accept is stream-only; UDP connect never returns EINPROGRESS
        } else if (s != null && s.type == SocketTable.SOCK_DGRAM) {
            protocol = "udp";
        } else if (s != null && s.type == SocketTable.SOCK_STREAM) {
            protocol = "tcp";
        } else {
            protocol = "tcp";
            extra.put("ProtocolInferred", "true"); // no socket() record seen for this fd
        }
        Map<String, Object> p = new LinkedHashMap<>(14);
        p.put("RemoteAddress", sa.address);
        p.put("RemotePort", Integer.toString(sa.port));
        if (s != null && s.localPort >= 0) {
            p.put("LocalAddress", s.localAddress);
            p.put("LocalPort", Integer.toString(s.localPort));
        }
        p.put("Direction", inbound ? "In" : "Out");
        p.put("Protocol", protocol);
        p.put("ProcessId", (int) pid);
        p.put("Executable", orEmpty(sc.untrusted("exe", errors)));
        p.put("CommandLine", fields.proctitle(e));
        p.put("UserId", orEmpty(sc.get("uid")));
        if (inProgress) {
            extra.put("Status", "InProgress");
        }
        if (!extra.isEmpty()) {
            p.put("ExtraDetails", extra);
        }
        return SecurityEvent.builder(EventNames.CONNECTION_CREATE).timestamp(e.timestamp()).payload(p).build();
    }

    public SocketTable sockets() {
        return sockets;
    }
}
