package io.edgesec.detector.internal.view;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.rules.KeywordIndex;
import java.util.List;
import java.util.Map;

/**
 * One payload item of an event as the rules see it: its fields, and for processes the program
 * names (base name of the executable and of argv[0], which differ for multi-call binaries:
 * {@code iptables} runs {@code xtables-nft-multi}, {@code modprobe} runs {@code kmod}), the
 * arguments, and the parent's context from the process table.
 */
public final class EventView {
    private final SecurityEvent event;
    /** The event's name (read from the event when the view is made of its item; known from a {@link ReadAhead}). */
    private final String name;
    /** The payload item; null until first needed for a view made from a {@link ReadAhead} (its first item then). */
    private Map<String, Object> item;
    private List<String> argv;
    private String exeBase;
    private String argv0Base;
    private String lowerCommandLine;
    private String executable;
    private String commandLine;
    /** The parent's process record, or null when unknown. */
    public ProcessInfo parent;
    /** The process table by pid (null outside an engine): rules that look at ancestors walk it. */
    public java.util.function.IntFunction<ProcessInfo> processes;
    /** The engine's recent scans of command lines and of executables (null: scan each event's). */
    public KeywordIndex.Recent recentCommandLines;
    public KeywordIndex.Recent recentExecutables;
    /** The engine's recent base names of executables and of command lines' argv[0] (null: derived per event). */
    public RecentNames exeBases;
    public RecentNames argv0Bases;

    public EventView(SecurityEvent event, Map<String, Object> item) {
        this.event = event;
        this.item = item;
        this.name = event.name();
    }

    /**
     * A view of a process start's only payload item whose process fields were read ahead on the
     * collector's thread: they are not read again here, and the item itself only when a rule asks
     * for another field (see {@link ReadAhead}).
     */
    public EventView(ReadAhead r) {
        this.event = r.event;
        this.name = EventNames.PROCESS_CREATE; // what ReadAhead.of found the event's name equal to
        this.pid = r.pid;
        this.ppid = r.ppid;
        this.executable = r.executable;
        this.commandLine = r.commandLine;
    }

    public SecurityEvent event() {
        return event;
    }

    /** @return the event's name (the stateful rules ask it of every event: from a read-ahead, without reading the event) */
    public String name() {
        return name;
    }

    public Map<String, Object> item() {
        Map<String, Object> i = item;
        if (i == null) {
            i = event.payload().get(0);
            item = i;
        }
        return i;
    }

    /** @return a field as text ("" when missing); {@code ExtraDetails.X} reads inside ExtraDetails; lists joined by ',' */
    public String field(String name) {
        int dot = name.indexOf('.');
        return dot > 0 ? field(name.substring(0, dot), name.substring(dot + 1)) : field(name, null);
    }

    /**
     * {@link #field(String)} with the name already split at its first dot (rules split theirs once,
     * not per event).
     *
     * @param inner the part after the dot, or null for a plain name
     */
    public String field(String outer, String inner) {
        return field(item(), outer, inner);
    }

    /** {@link #field(String, String)} of a payload item (also read on a collector's thread by {@link ReadAhead}). */
    static String field(Map<String, Object> item, String outer, String inner) {
        Object v;
        if (inner != null && item.get(outer) instanceof Map<?, ?> m) {
            v = m.get(inner);
        } else {
            String name = inner == null ? outer : outer + '.' + inner;
            v = item.get(name);
            if (v == null && item.get("ExtraDetails") instanceof Map<?, ?> extra) {
                v = extra.get(name); // e.g. ContainerId, which Azure kinds carry there
            }
        }
        if (v instanceof String text) { // most fields: one check of a final class, before the interface checks below
            return text;
        }
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            for (Object o : l) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(o instanceof Map<?, ?> ? io.edgesec.support.json.JsonText.write(o) : String.valueOf(o));
            }
            return sb.toString();
        }
        if (v instanceof Map<?, ?>) {
            return io.edgesec.support.json.JsonText.write(v);
        }
        return v.toString();
    }

    public String executable() {
        String e = executable;
        if (e == null) {
            e = field("Executable");
            executable = e;
        }
        return e;
    }

    public String commandLine() {
        String c = commandLine;
        if (c == null) {
            c = field("CommandLine");
            commandLine = c;
        }
        return c;
    }

    public String lowerCommandLine() {
        if (lowerCommandLine == null) {
            lowerCommandLine = commandLine().toLowerCase(java.util.Locale.ROOT);
        }
        return lowerCommandLine;
    }

    private KeywordIndex.Answers keywords;

    /**
     * @param index the rule set's keyword index
     * @return which of its keywords the lower-case command line contains, each searched at most
     *         once for this event whichever rules ask
     */
    public KeywordIndex.Answers keywords(KeywordIndex index) {
        KeywordIndex.Answers k = keywords;
        if (k == null || k.index() != index) {
            k = index.answers(commandLine(), this::lowerCommandLine, recentCommandLines);
            keywords = k;
        }
        return k;
    }

    private KeywordIndex.Answers executableWords;

    /**
     * @param index the rule set's index of {@code executableContains} words (case-sensitive)
     * @return which of them the executable contains, all found in one scan
     */
    public KeywordIndex.Answers executableWords(KeywordIndex index) {
        KeywordIndex.Answers k = executableWords;
        if (k == null || k.index() != index) {
            k = index.answers(executable(), recentExecutables);
            executableWords = k;
        }
        return k;
    }

    public List<String> argv() {
        if (argv == null) {
            argv = CommandLine.split(commandLine());
        }
        return argv;
    }

    public String exeBase() {
        if (exeBase == null) {
            exeBase = exeBases != null ? exeBases.of(executable()) : CommandLine.baseName(executable());
        }
        return exeBase;
    }

    /** @return the base name of argv[0], without splitting the whole command line */
    public String argv0Base() {
        if (argv0Base == null) {
            // already split: from its arguments, as before; else from the text alone, so remembered by text
            argv0Base = argv != null || argv0Bases == null ? argv0Base(commandLine(), argv) : argv0Bases.of(commandLine());
        }
        return argv0Base;
    }

    /**
     * @param argv the command line split, if it already is (else null: split only if argv[0] is quoted)
     * @return the base name of the command line's argv[0]
     */
    public static String argv0Base(String c, List<String> argv) {
        if (argv == null && c.startsWith("\"")) {
            argv = CommandLine.split(c);
        }
        if (argv != null) {
            return argv.isEmpty() ? "" : CommandLine.baseName(argv.get(0));
        }
        int end = c.indexOf(' ');
        return CommandLine.baseName(end < 0 ? c : c.substring(0, end));
    }

    private int pid = Integer.MIN_VALUE;
    private int ppid = Integer.MIN_VALUE;
    private String user;

    public int pid() {
        int p = pid;
        if (p == Integer.MIN_VALUE) {
            p = intField("ProcessId");
            pid = p;
        }
        return p;
    }

    public int ppid() {
        int p = ppid;
        if (p == Integer.MIN_VALUE) {
            p = intField("ParentProcessId");
            ppid = p;
        }
        return p;
    }

    private int intField(String f) {
        return intField(item(), f);
    }

    /** A field as a number (-1 when missing or not one), as {@link #pid()} reads it (also by {@link ReadAhead}). */
    static int intField(Map<String, Object> item, String f) {
        Object v = item.get(f);
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return v == null ? -1 : Integer.parseInt(v.toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** @return the user name if known, else the user id */
    public String user() {
        String u = user;
        if (u == null) {
            String n = field("UserName");
            u = n.isEmpty() ? field("UserId") : n;
            user = u;
        }
        return u;
    }

    /** @return the working directory of a process (audit's CWD record), or "" */
    public String cwd() {
        return field("ExtraDetails.Cwd");
    }
}
