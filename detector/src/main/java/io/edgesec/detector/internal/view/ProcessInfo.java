package io.edgesec.detector.internal.view;

/**
 * What the process table remembers of a process, for its children's context: only what rules and
 * alert entities read (a parent's program names for the parent tests, its executable and command
 * line for an alert's ParentExecutable/ParentCommandLine, its pid and parent pid). The table holds
 * tens of thousands of them in the agent's small heap: every field more is copied by the GC.
 *
 * @param program argv[0]'s base name, or the executable's when argv[0] is empty
 * @param exeBase the executable's base name
 */
public record ProcessInfo(int pid, int ppid, String executable, String commandLine, String program, String exeBase) {
}
