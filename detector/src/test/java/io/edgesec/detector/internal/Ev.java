package io.edgesec.detector.internal;

import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events shaped as edgesec's collectors build them (collector-audit's EventMapper, collector-docker). */
public final class Ev {
    public static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static int nextPid = 5000;

    /** A sequence of events with a clock that advances one second per event unless told. */
    public static final class Seq {
        public final List<SecurityEvent> events = new ArrayList<>();
        public Instant t = T0;
        public int shell = 4000; // the interactive shell the commands come from
        public String user = "root";
        public String cwd = "/root";
        public String container;

        public Seq after(long seconds) {
            t = t.plusSeconds(seconds);
            return this;
        }

        /** A command run by {@link #shell}: its exe is the argv[0] looked up in /usr/bin unless absolute. */
        public Seq run(String commandLine) {
            String argv0 = io.edgesec.detector.internal.view.CommandLine.split(commandLine).get(0);
            String exe = argv0.startsWith("/") ? argv0 : "/usr/bin/" + argv0;
            return exec(exe, commandLine, shell);
        }

        public Seq exec(String exe, String commandLine, int ppid) {
            return execPid(nextPid++, exe, commandLine, ppid);
        }

        public Seq execPid(int pid, String exe, String commandLine, int ppid) {
            Map<String, Object> p = processFields(new LinkedHashMap<>(), exe, commandLine, user, pid, ppid);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("AuditUserId", "1000");
            extra.put("Cwd", cwd);
            p.put("ExtraDetails", extra);
            if (container != null) {
                p.put("ContainerId", container);
                p.put("ContainerName", "c-" + container.substring(0, 4));
            }
            return add("ProcessCreate", p);
        }

        public Seq connect(String exe, int pid, String address, int port, String direction) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("RemoteAddress", address);
            p.put("RemotePort", Integer.toString(port));
            p.put("Direction", direction);
            p.put("Protocol", "tcp");
            p.put("ProcessId", pid);
            p.put("Executable", exe);
            p.put("CommandLine", exe);
            p.put("UserId", "0");
            return add("ConnectionCreate", p);
        }

        public Seq login(String exe, String recordType, String userName, String address, String terminal, boolean ok) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("ProcessId", 777);
            p.put("Operation", recordType.equals("USER_LOGIN") ? "login" : "PAM:authentication");
            p.put("Executable", exe);
            p.put("UserName", userName);
            if (address != null) {
                p.put("RemoteAddress", address);
            }
            p.put("Result", ok ? "Success" : "Fail");
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("RecordType", recordType);
            if (terminal != null) {
                extra.put("Terminal", terminal);
            }
            p.put("ExtraDetails", extra);
            return add("Login", p);
        }

        public Seq account(String recordType, String op, String userName, String exe) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("RecordType", recordType);
            p.put("Operation", op);
            p.put("UserName", userName);
            p.put("Executable", exe);
            p.put("ProcessId", 888);
            p.put("ActorUserId", "1000");
            p.put("Result", "Success");
            return add("AccountChange", p);
        }

        public Seq add(String name, Map<String, Object> payload) {
            events.add(SecurityEvent.builder(name).type(EventType.SECURITY).category(EventCategory.TRIGGERED)
                    .timestamp(t).payload(payload).build());
            t = t.plusSeconds(1);
            return this;
        }

        public Seq periodic(String name, Map<String, Object> payload) {
            events.add(SecurityEvent.builder(name).type(EventType.SECURITY).category(EventCategory.PERIODIC)
                    .timestamp(t).payload(payload).build());
            t = t.plusSeconds(1);
            return this;
        }
    }

    /**
     * Puts the fields collector-audit gives an event's process (ProcessCreate, and the events that
     * name the process behind them): root is uid 0, anyone else 1000. Public for the detector's
     * JMH benchmark (benchmarks/, through this module's test-jar), whose workload is made the same way.
     *
     * @return {@code p}
     */
    public static Map<String, Object> processFields(Map<String, Object> p, String exe, String commandLine, String user,
            int pid, int ppid) {
        p.put("Executable", exe);
        p.put("CommandLine", commandLine);
        p.put("UserId", user.equals("root") ? "0" : "1000");
        p.put("UserName", user);
        p.put("ProcessId", pid);
        p.put("ParentProcessId", ppid);
        return p;
    }

    private Ev() {
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
