package io.edgesec.detector.internal.view;

/** What the process table remembers of a process, for its children's context. */
public record ProcessInfo(int pid, int ppid, String executable, String commandLine, String program, String user,
        long seenMillis, String exeBase) {
}
