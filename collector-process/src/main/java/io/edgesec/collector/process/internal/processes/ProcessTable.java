package io.edgesec.collector.process.internal.processes;

import io.edgesec.collector.process.internal.procfs.ProcFs;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Reads every user-space process from a proc root (kernel threads have no executable). */
public final class ProcessTable {
    private final ProcFs proc;

    public ProcessTable(ProcFs proc) {
        this.proc = proc;
    }

    public Map<Integer, ProcessInfo> scan() throws IOException {
        Map<Integer, ProcessInfo> out = new HashMap<>();
        for (int pid : proc.pids()) {
            ProcessInfo p = read(pid);
            if (p != null) {
                out.put(pid, p);
            }
        }
        return out;
    }

    /** @return the process, or null if it is gone or is a kernel thread */
    public ProcessInfo read(int pid) {
        String stat = proc.read(pid + "/stat");
        String status = proc.read(pid + "/status");
        if (stat == null || status == null) {
            return null;
        }
        // comm (field 2) may contain spaces and ')': fields resume after the last ')'
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] f = stat.substring(close + 2).split(" ");
        if (f.length < 20) {
            return null;
        }
        int ppid;
        long start;
        try {
            ppid = Integer.parseInt(f[1]);
            start = Long.parseLong(f[19]);
        } catch (NumberFormatException e) {
            return null;
        }
        String exe = proc.readLink(pid + "/exe");
        byte[] cmd = proc.readBytes(pid + "/cmdline");
        if (exe == null && (cmd == null || cmd.length == 0)) {
            return null; // kernel thread
        }
        return new ProcessInfo(pid, ppid, realUid(status), start, exe != null ? stripDeleted(exe) : "", commandLine(cmd));
    }

    private static String stripDeleted(String exe) {
        return exe.endsWith(" (deleted)") ? exe.substring(0, exe.length() - 10) : exe;
    }

    private static String realUid(String status) {
        int i = status.indexOf("\nUid:");
        if (i < 0) {
            return "";
        }
        int start = i + 5;
        while (start < status.length() && Character.isWhitespace(status.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < status.length() && Character.isDigit(status.charAt(end))) {
            end++;
        }
        return status.substring(start, end);
    }

    /** Arguments are NUL-separated; join with spaces as the Azure agents' CommandLine. */
    static String commandLine(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return "";
        }
        int len = raw.length;
        while (len > 0 && raw[len - 1] == 0) {
            len--;
        }
        byte[] copy = new byte[len];
        for (int i = 0; i < len; i++) {
            copy[i] = raw[i] == 0 ? (byte) ' ' : raw[i];
        }
        return new String(copy, java.nio.charset.StandardCharsets.UTF_8);
    }
}
