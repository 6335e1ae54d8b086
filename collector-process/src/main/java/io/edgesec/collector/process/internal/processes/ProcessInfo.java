package io.edgesec.collector.process.internal.processes;

/**
 * A process as /proc shows it. {@code startTicks} (field 22 of stat) tells a reused pid apart
 * from the process that had it before.
 */
public record ProcessInfo(int pid, int ppid, String uid, long startTicks, String executable, String commandLine) {
}
