package io.edgesec.collector.audit.internal.events;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.parse.AuditEvent;
import io.edgesec.collector.audit.internal.parse.AuditRecord;
import io.edgesec.collector.audit.internal.parse.Hex;
import io.edgesec.collector.audit.internal.parse.RecordTypes;
import io.edgesec.support.UserNames;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns assembled audit events into security events with the Azure payload field names:
 * ProcessCreate (execve/execveat), ConnectionCreate (connect out, accept in; tcp and udp; never
 * unix or netlink), Login (USER_LOGIN, USER_AUTH, USER_ERR) and AccountChange (user and group
 * management records); and edgesec's FileChange (a successful syscall caught by one of the
 * collector's own watch or /var/log rules, recognised by the rule key), KernelModule
 * (init_module, finit_module, delete_module) and AuditConfigurationChange (CONFIG_CHANGE).
 * socket(2) and bind(2) records feed a {@link SocketTable} for protocol and local address.
 * Not thread-safe: one mapper per pipeline.
 */
public final class EventMapper {
    private static final long EINPROGRESS = -115;
    private static final String UNSET_ID = "4294967295";

    private final Set<EventKind> kinds;
    private final UserNames userNames;
    private final SocketTable sockets = new SocketTable(65536);
    private final AuditRecord.DecodeErrors errors;
    private String ruleKey = "edgesec";
    private java.util.function.LongPredicate ownProcess = pid -> false;

    public EventMapper(Set<EventKind> kinds, UserNames userNames, AuditRecord.DecodeErrors errors) {
        this.kinds = kinds.isEmpty() ? EnumSet.noneOf(EventKind.class) : EnumSet.copyOf(kinds);
        this.userNames = userNames;
        this.errors = errors;
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
    public void ownProcesses(java.util.function.LongPredicate own) {
        this.ownProcess = own;
    }

    /** Maps one event; emits zero or one security event to {@code out}. Never throws for bad data. */
    public void map(AuditEvent e, Consumer<SecurityEvent> out) {
        AuditRecord first = e.records().get(0);
        int code = first.code();
        SecurityEvent ev = null;
        AuditRecord sc = e.first(RecordTypes.SYSCALL);
        if (sc != null) {
            ev = syscall(e, sc, true);
        } else {
            switch (code) {
                case RecordTypes.USER_LOGIN:
                case RecordTypes.USER_AUTH:
                case RecordTypes.USER_ERR:
                    ev = login(e, first);
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
                    ev = account(e, first);
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
            syscall(e, sc, false);
        }
    }

    private SecurityEvent syscall(AuditEvent e, AuditRecord sc, boolean emit) {
        long archValue = sc.hexNumber("arch", -1);
        Arch arch = Arch.of(archValue);
        long number = sc.number("syscall", -1);
        Syscall call = arch != null ? arch.syscall(number) : Syscall.byName(sc.enriched("SYSCALL"));
        if (!call.mapped()) {
            // most audited syscalls end here, before any field but the key is read
            return emit ? unmapped(e, sc) : null;
        }
        long[] args = {sc.hexNumber("a0", -1), sc.hexNumber("a1", -1), sc.hexNumber("a2", -1)};
        if (call == Syscall.SOCKETCALL) {
            call = Syscall.socketcall(args[0]);
            // the real arguments are in the SOCKETCALL record: nargs=N a0=.. a1=..
            AuditRecord sockcall = e.first(RecordTypes.SOCKETCALL);
            args = sockcall == null ? new long[] {-1, -1, -1}
                    : new long[] {sockcall.hexNumber("a0", -1), sockcall.hexNumber("a1", -1), sockcall.hexNumber("a2", -1)};
        }
        boolean success = !sc.valueIs("success", "no");
        long exit = sc.number("exit", Long.MIN_VALUE);
        long pid = sc.number("pid", -1);
        switch (call) {
            case EXECVE:
            case EXECVEAT:
                return emit && success && kinds.contains(EventKind.PROCESS_CREATE) ? processCreate(e, sc) : null;
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
                return emit && kinds.contains(EventKind.KERNEL_MODULE) ? module(e, sc, call) : null;
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

    private SecurityEvent unmapped(AuditEvent e, AuditRecord sc) {
        if (kinds.contains(EventKind.AUDIT_CONFIGURATION_CHANGE)) {
            AuditRecord cc = e.first(RecordTypes.CONFIG_CHANGE);
            if (cc != null) {
                return configChange(e, cc, sc); // auditctl's sendto on the audit netlink socket
            }
        }
        if (kinds.contains(EventKind.FILE_CHANGE) && sc.valueIs("success", "yes") && hasKey(sc, ruleKey)
                && e.first(RecordTypes.PATH) != null) {
            return fileChange(e, sc);
        }
        return null;
    }

    /** Whether the record's key field (quoted, or hex holding several keys split by 0x01) names {@code key}. */
    private boolean hasKey(AuditRecord r, String key) {
        String k = r.untrusted("key", null);
        if (k == null || k.equals("(null)")) {
            return false;
        }
        for (String one : k.split("\u0001")) {
            if (one.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * FileChange: what a watch (sudoers, authorized_keys, cron, systemd units) or a /var/log rule
     * saw. The PATH items say what happened: CREATE and DELETE together are a rename (the first
     * DELETE is the old name, the last CREATE the new one), CREATE alone a new file, DELETE alone
     * a removal, NORMAL a write, truncation or attribute change of an existing file. Relative
     * names are resolved against the CWD record, or against the PARENT item when the call was
     * relative to a directory descriptor.
     */
    private SecurityEvent fileChange(AuditEvent e, AuditRecord sc) {
        String cwd = null;
        AuditRecord cwdRecord = e.first(RecordTypes.CWD);
        if (cwdRecord != null) {
            cwd = cwdRecord.untrusted("cwd", errors);
        }
        long a0 = sc.hexNumber("a0", -1);
        boolean dirfd = a0 >= 0 && a0 < 0x10000; // an *at call relative to a directory descriptor, not AT_FDCWD
        String parent = null;
        String created = null;
        String deleted = null;
        String normal = null;
        for (AuditRecord path : e.all(RecordTypes.PATH)) {
            String name = path.untrusted("name", errors);
            if (name == null || Hex.isUnset(name) || name.equals("(null)")) {
                continue;
            }
            String type = path.get("nametype");
            if ("PARENT".equals(type)) {
                if (parent == null && name.startsWith("/")) {
                    parent = trimSlash(name);
                }
                continue;
            }
            String abs = absolute(name, dirfd ? null : cwd, parent);
            if ("CREATE".equals(type)) {
                created = abs;
            } else if ("DELETE".equals(type)) {
                if (deleted == null) {
                    deleted = abs;
                }
            } else if (normal == null) {
                normal = abs;
            }
        }
        String operation;
        String path;
        String oldPath = null;
        if (created != null && deleted != null) {
            operation = "Rename";
            path = created;
            oldPath = deleted;
        } else if (created != null) {
            operation = "Create";
            path = created;
        } else if (deleted != null) {
            operation = "Delete";
            path = deleted;
        } else if (normal != null) {
            operation = "Modify";
            path = normal;
        } else if (parent != null) {
            operation = "Modify";
            path = parent;
        } else {
            return null;
        }
        Map<String, Object> p = new LinkedHashMap<>(12);
        p.put("Operation", operation);
        p.put("Path", path);
        if (oldPath != null) {
            p.put("OldPath", oldPath);
        }
        Map<String, String> extra = processContext(p, e, sc);
        if (cwd != null && !Hex.isUnset(cwd)) {
            extra.put("Cwd", cwd);
        }
        p.put("ExtraDetails", extra);
        return SecurityEvent.builder(EventNames.FILE_CHANGE).timestamp(e.timestamp()).payload(p).build();
    }

    private static String absolute(String name, String cwd, String parent) {
        if (name.startsWith("/")) {
            return trimSlash(name);
        }
        String base = cwd != null && cwd.startsWith("/") ? cwd : parent;
        if (base == null) {
            return name; // relative to a directory descriptor whose path the records do not give
        }
        String n = name.startsWith("./") ? name.substring(2) : name;
        return base.endsWith("/") ? base + n : base + "/" + n;
    }

    private static String trimSlash(String s) {
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** KernelModule: a module loaded (init_module, finit_module; KERN_MODULE names it) or unloaded. */
    private SecurityEvent module(AuditEvent e, AuditRecord sc, Syscall call) {
        Map<String, Object> p = new LinkedHashMap<>(12);
        p.put("Operation", call == Syscall.DELETE_MODULE ? "Unload" : "Load");
        AuditRecord km = e.first(RecordTypes.KERN_MODULE);
        String name = km == null ? null : km.untrusted("name", errors);
        if (name != null && !Hex.isUnset(name)) {
            p.put("ModuleName", name);
        }
        p.put("Result", sc.valueIs("success", "yes") ? "Success" : "Fail");
        Map<String, String> extra = processContext(p, e, sc);
        if (!sc.valueIs("success", "yes")) {
            extra.put("Exit", orEmpty(sc.get("exit")));
        }
        p.put("ExtraDetails", extra);
        return SecurityEvent.builder(EventNames.KERNEL_MODULE).timestamp(e.timestamp()).payload(p).build();
    }

    /**
     * AuditConfigurationChange from a CONFIG_CHANGE record ({@code op=add_rule key=.. list=..
     * res=1}, {@code op=set audit_enabled=0 old=1 ... res=1}), with the process that made it when
     * the kernel logged its syscall too (auditctl's sendto). {@code ExtraDetails.EdgesecRule}:
     * the rule carried the collector's key; {@code ExtraDetails.ByThisAgent}: the change was made
     * by this collector's own auditctl (installing or removing its rules).
     */
    private SecurityEvent configChange(AuditEvent e, AuditRecord cc, AuditRecord sc) {
        if (!kinds.contains(EventKind.AUDIT_CONFIGURATION_CHANGE)) {
            return null;
        }
        Map<String, Object> p = new LinkedHashMap<>(14);
        String op = cc.get("op");
        p.put("Operation", Hex.isUnset(op) ? "" : op);
        if ("set".equals(op)) {
            // op=set <setting>=<new> old=<old>: the setting is the field after op
            int i = cc.find("op");
            if (i >= 0 && i + 1 < cc.fieldCount()) {
                p.put("Setting", cc.key(i + 1));
                p.put("Value", orEmpty(cc.value(i + 1)));
                String old = cc.get("old");
                if (old != null) {
                    p.put("OldValue", old);
                }
            }
        }
        String key = cc.untrusted("key", errors);
        boolean ownKey = false;
        if (key != null && !Hex.isUnset(key) && !key.equals("(null)")) {
            p.put("Key", key.replace('\u0001', ','));
            ownKey = hasKey(cc, ruleKey);
        }
        String list = cc.get("list");
        if (list != null) {
            p.put("List", list);
        }
        p.put("Result", result(cc.get("res")));
        Map<String, String> extra;
        if (sc != null) {
            extra = processContext(p, e, sc);
        } else {
            extra = new LinkedHashMap<>(4);
            putIdIfSet(extra, "AuditUserId", cc.get("auid"));
        }
        if (ownKey) {
            extra.put("EdgesecRule", "true");
        }
        if (sc != null && ownProcess.test(sc.number("pid", -1))) {
            extra.put("ByThisAgent", "true");
        }
        p.put("ExtraDetails", extra);
        return SecurityEvent.builder(EventNames.AUDIT_CONFIGURATION_CHANGE).timestamp(e.timestamp()).payload(p).build();
    }

    /**
     * The process behind a syscall record, with ProcessCreate's field names (the detector and the
     * docker enricher read them): Executable, CommandLine (PROCTITLE), UserId, UserName,
     * ProcessId, ParentProcessId. @return ExtraDetails with AuditUserId and Syscall, to add to
     */
    private Map<String, String> processContext(Map<String, Object> p, AuditEvent e, AuditRecord sc) {
        p.put("Executable", orEmpty(sc.untrusted("exe", errors)));
        p.put("CommandLine", proctitle(e));
        String uid = sc.get("uid");
        p.put("UserId", orEmpty(uid));
        putUserName(p, sc, "UID", uid);
        p.put("ProcessId", (int) sc.number("pid", -1));
        p.put("ParentProcessId", (int) sc.number("ppid", -1));
        Map<String, String> extra = new LinkedHashMap<>(6);
        putIdIfSet(extra, "AuditUserId", sc.get("auid"));
        String name = sc.enriched("SYSCALL");
        extra.put("Syscall", name != null && !Hex.isUnset(name) ? name : orEmpty(sc.get("syscall")));
        return extra;
    }

    private SockAddr sockaddr(AuditEvent e, long archValue) {
        AuditRecord r = e.first(RecordTypes.SOCKADDR);
        if (r == null) {
            return null;
        }
        return SockAddr.parse(r.get("saddr"), archValue < 0 || Arch.isLittleEndian(archValue));
    }

    private SecurityEvent processCreate(AuditEvent e, AuditRecord sc) {
        Map<String, Object> p = new LinkedHashMap<>(12);
        p.put("Executable", orEmpty(sc.untrusted("exe", errors)));
        List<AuditRecord> execve = e.all(RecordTypes.EXECVE);
        Map<String, String> extra = new LinkedHashMap<>(4);
        String commandLine;
        if (!execve.isEmpty()) {
            ExecveArgs a = ExecveArgs.from(execve, errors);
            commandLine = ExecveArgs.commandLine(a.args);
            if (a.missing > 0) {
                extra.put("MissingArguments", Integer.toString(a.missing));
            }
        } else {
            commandLine = proctitle(e);
            extra.put("CommandLineSource", "proctitle");
        }
        p.put("CommandLine", commandLine);
        String uid = sc.get("uid");
        p.put("UserId", orEmpty(uid));
        putUserName(p, sc, "UID", uid);
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
        p.put("CommandLine", proctitle(e));
        p.put("UserId", orEmpty(sc.get("uid")));
        if (inProgress) {
            extra.put("Status", "InProgress");
        }
        if (!extra.isEmpty()) {
            p.put("ExtraDetails", extra);
        }
        return SecurityEvent.builder(EventNames.CONNECTION_CREATE).timestamp(e.timestamp()).payload(p).build();
    }

    private String proctitle(AuditEvent e) {
        AuditRecord pt = e.first(RecordTypes.PROCTITLE);
        if (pt == null) {
            AuditRecord sc = e.first(RecordTypes.SYSCALL);
            String exe = sc == null ? null : sc.untrusted("exe", errors);
            return exe == null || Hex.isUnset(exe) ? "" : exe;
        }
        int i = pt.find("proctitle");
        if (i < 0) {
            return "";
        }
        return ExecveArgs.commandLine(ExecveArgs.splitProctitle(pt.untrustedBytes(i, errors)));
    }

    private SecurityEvent login(AuditEvent e, AuditRecord r) {
        if (!kinds.contains(EventKind.LOGIN)) {
            return null;
        }
        String exe = r.untrusted("exe", errors);
        if (r.code() == RecordTypes.USER_AUTH && exe != null && (exe.endsWith("/sudo"))) {
            return null; // as the Azure agents: sudo re-authentication is not a login
        }
        String res = r.get("res");
        if (r.code() == RecordTypes.USER_ERR && "success".equals(res)) {
            return null;
        }
        Map<String, Object> p = new LinkedHashMap<>(12);
        p.put("ProcessId", (int) r.number("pid", -1));
        String op = r.get("op");
        p.put("Operation", Hex.isUnset(op) ? r.type().name.toLowerCase(java.util.Locale.ROOT) : op);
        p.put("Executable", orEmpty(exe));
        putAccount(p, r, "UserId", "UserName");
        String addr = r.get("addr");
        if (!Hex.isUnset(addr)) {
            p.put("RemoteAddress", addr);
        }
        String rport = r.get("rport");
        if (!Hex.isUnset(rport)) {
            p.put("RemotePort", rport);
        }
        p.put("Result", result(res));
        Map<String, String> extra = new LinkedHashMap<>(4);
        extra.put("RecordType", r.type().name);
        String terminal = r.get("terminal");
        if (!Hex.isUnset(terminal)) {
            extra.put("Terminal", terminal);
        }
        String host = r.get("hostname");
        if (!Hex.isUnset(host) && !host.equals(addr)) {
            extra.put("Hostname", host);
        }
        p.put("ExtraDetails", extra);
        return SecurityEvent.builder(EventNames.LOGIN).timestamp(e.timestamp()).payload(p).build();
    }

    private SecurityEvent account(AuditEvent e, AuditRecord r) {
        if (!kinds.contains(EventKind.ACCOUNT_CHANGE)) {
            return null;
        }
        String type = r.type().name;
        boolean group = type.contains("GROUP") || type.startsWith("GRP_") || type.equals("CHGRP_ID");
        Map<String, Object> p = new LinkedHashMap<>(12);
        p.put("RecordType", type);
        String op = r.get("op");
        p.put("Operation", Hex.isUnset(op) ? type.toLowerCase(java.util.Locale.ROOT) : op);
        putAccount(p, r, group ? "GroupId" : "UserId", group ? "GroupName" : "UserName");
        p.put("Executable", orEmpty(r.untrusted("exe", errors)));
        p.put("ProcessId", (int) r.number("pid", -1));
        String actor = r.get("auid");
        p.put("ActorUserId", actor == null || UNSET_ID.equals(actor) ? orEmpty(r.get("uid")) : actor);
        p.put("Result", result(r.get("res")));
        return SecurityEvent.builder(EventNames.ACCOUNT_CHANGE).timestamp(e.timestamp()).payload(p).build();
    }

    /**
     * The account a user-space record is about: {@code acct="name"} (hex when odd bytes, e.g.
     * "(invalid user)"), or {@code id=N} (numeric, or a name in some versions).
     */
    private void putAccount(Map<String, Object> p, AuditRecord r, String idField, String nameField) {
        String acct = r.untrusted("acct", errors);
        String id = r.get("id");
        if (!Hex.isUnset(id) && !UNSET_ID.equals(id)) {
            if (isNumber(id)) {
                p.put(idField, id);
            } else if (Hex.isUnset(acct)) {
                acct = id;
            }
        }
        if (Hex.isUnset(acct)) {
            String enriched = r.enriched("ID");
            acct = Hex.isUnset(enriched) || isNumber(enriched) ? null : enriched;
        }
        if (acct != null) {
            p.put(nameField, acct);
        } else if (!p.containsKey(idField)) {
            p.put(nameField, "(unknown)");
        }
    }

    private void putUserName(Map<String, Object> p, AuditRecord r, String enrichedKey, String uid) {
        String name = r.enriched(enrichedKey);
        if (Hex.isUnset(name) || name.startsWith("unknown(")) {
            name = userNames.name(uid);
        }
        if (name != null) {
            p.put("UserName", name);
        }
    }

    private static void putIdIfSet(Map<String, String> m, String key, String id) {
        if (!Hex.isUnset(id) && !UNSET_ID.equals(id)) {
            m.put(key, id);
        }
    }

    private static String result(String res) {
        return "success".equals(res) || "yes".equals(res) || "1".equals(res) ? "Success" : "Fail";
    }

    private static boolean isNumber(String s) {
        if (s == null || s.isEmpty() || s.length() > 10) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String orEmpty(String s) {
        return s == null || Hex.isUnset(s) ? "" : s;
    }

    public SocketTable sockets() {
        return sockets;
    }
}
