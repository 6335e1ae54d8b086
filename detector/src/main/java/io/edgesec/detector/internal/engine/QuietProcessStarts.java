package io.edgesec.detector.internal.engine;

import io.edgesec.detector.internal.rules.RuleSet;
import io.edgesec.detector.internal.view.ProcessInfo;
import java.util.Arrays;
import java.util.Objects;

/**
 * Process starts that no pattern rule matched, remembered so that an identical one is not judged
 * by them again: a device runs the same executables with the same command lines under the same
 * parents again and again (health checks, cron jobs, scripts; the exec load of
 * bench/detector-cpu.sh), and running the pattern rules that could match each one was about a
 * sixth of the detector thread's time in the agent.
 *
 * <p>Exact: a start is remembered only when every pattern rule it met reads nothing but what the
 * key holds (see {@link io.edgesec.detector.internal.rules.PatternRule#readsOnlyProcessNames}: the
 * executable, the command line and the parent's program names; not the ancestors, the user or
 * other fields), and only when none of them matched. Which rules a start meets depends on its
 * executable's and argv[0]'s base names, derived from the key. Remembered answers belong to one
 * {@link RuleSet}: another one (a configuration change) forgets them all. Only the pattern rules
 * are skipped: the process table, the entities and the stateful rules see every event.
 *
 * <p>Bounded and deterministic: a fixed number of buckets, each the last quiet start that fell
 * into it; a collision replaces it. The strings are those the process table shares (so a repeat
 * usually compares by identity). Not thread-safe: the engine's thread only.
 */
final class QuietProcessStarts {
    private final String[] executables;
    private final String[] commandLines;
    /** The parent's program and executable base names ({@link #NO_PARENT} for an unknown parent). */
    private final String[] parentPrograms;
    private final String[] parentExeBases;
    private final int mask;
    private RuleSet rules;
    private long hits;
    private static final String NO_PARENT = new String("\u0000no parent");

    /** @param buckets a power of two */
    QuietProcessStarts(int buckets) {
        if (Integer.bitCount(buckets) != 1) {
            throw new IllegalArgumentException("buckets " + buckets + " is not a power of two");
        }
        executables = new String[buckets];
        commandLines = new String[buckets];
        parentPrograms = new String[buckets];
        parentExeBases = new String[buckets];
        mask = buckets - 1;
    }

    /** @return true if this start, under {@code rules}, is one remembered as matching no pattern rule (counted) */
    boolean isKnownQuiet(ProcessInfo self, ProcessInfo parent, RuleSet rules) {
        if (rules != this.rules) {
            forget(rules);
            return false;
        }
        int b = bucket(self);
        String e = executables[b];
        // Objects.equals tries identity first: the strings are usually the process table's shared ones
        if (e == null || !Objects.equals(e, self.executable()) || !Objects.equals(commandLines[b], self.commandLine())
                || !Objects.equals(parentPrograms[b], parent == null ? NO_PARENT : parent.program())
                || !Objects.equals(parentExeBases[b], parent == null ? NO_PARENT : parent.exeBase())) {
            return false;
        }
        hits++;
        return true;
    }

    /** Remembers a start that {@code rules} judged and none of whose pattern rules matched. */
    void rememberQuiet(ProcessInfo self, ProcessInfo parent, RuleSet rules) {
        if (rules != this.rules) {
            forget(rules);
        }
        int b = bucket(self);
        executables[b] = self.executable();
        commandLines[b] = self.commandLine();
        parentPrograms[b] = parent == null ? NO_PARENT : parent.program();
        parentExeBases[b] = parent == null ? NO_PARENT : parent.exeBase();
    }

    /** Forgets every remembered start; {@code rules} is the rule set the next ones belong to. */
    void forget(RuleSet rules) {
        this.rules = rules;
        Arrays.fill(executables, null);
        Arrays.fill(commandLines, null);
        Arrays.fill(parentPrograms, null);
        Arrays.fill(parentExeBases, null);
    }

    /** @return how many starts were found remembered (tests, status) */
    long hits() {
        return hits;
    }

    /** @return how many starts are remembered now (at most the number of buckets) */
    int size() {
        int n = 0;
        for (String e : executables) {
            if (e != null) {
                n++;
            }
        }
        return n;
    }

    private int bucket(ProcessInfo p) {
        int h = p.executable().hashCode() * 31 + p.commandLine().hashCode();
        return (h ^ (h >>> 16)) & mask;
    }
}
