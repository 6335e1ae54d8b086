#!/bin/bash
# Benchmark (not a test): the whole agent's CPU while the host execs about 1,000 processes a
# second (goal: below 5% of one core). Needs root, gcc and auditctl.
#
#  1. If no auditd runs, starts one (-n, its own configuration and log in a temporary folder, so
#     neither /var/log/audit nor another agent tailing it sees the load); else uses the running
#     one and its log. Raises the kernel backlog limit to 8192 if lower (the default rules' -b).
#  2. Adds one exec rule tagged with its own key:  -a always,exit -F arch=b64 -S execve -k edgesec-bench
#  3. Runs the agent as scripts/run.sh does (MALLOC_ARENA_MAX=2 java -Xmx64m -Xms16m
#     -XX:+UseSerialGC -Xss256k -XX:-UsePerfData -jar launcher/target/edgesec.jar run), output to
#     /dev/null, with a temporary data folder and the audit collector pointed at that log (state in
#     the temporary folder too); waits until its tailer has the log open; measures its idle CPU.
#  4. Runs execload.c: RATE execs/s of noop.c (a libc-free program that exits at
#     once; /bin/true where it cannot be built) for WARMUP + WINDOW seconds; reports the agent's
#     CPU during the warm-up (JIT compiling) and samples the agent's
#     and auditd's utime+stime (/proc/PID/stat) over the WINDOW; counts the execve events that
#     the log got in that time (every process of the host, not only ours).
#  5. Prints the agent's CPU in % of one core, the achieved exec rate, and whether the agent kept
#     up (its saved log position against the log's size).
# Afterwards it stops what it started (by pid), removes exactly its rule (unless the rule was
# there before), restores the backlog limit and the kernel's enabled flag it found, and deletes
# its temporary folders. Steps 1, 2 and the load of 4 are exec-load-lib.sh's, which
# bench/detector-cpu.sh shares; the whole run holds flock /tmp/edgesec-audit.lock. The load
# programs are built in /var/cache: run from /tmp, they would be what the detector's temp-path
# rules look for.
# Usage: collector-audit/bench/exec-load.sh [RATE [WINDOW_SECONDS]]   (defaults 1000 and 30)
# Environment: EXEC_LOAD_WARMUP, seconds of load before the window (default 30: on a busy 2-core
#   machine the JIT is still compiling the agent's exec path for a good part of that);
#   EXEC_LOAD_JAVA_OPTS, more options for the agent's JVM (split on blanks, after run.sh's), e.g.
#   -XX:TieredStopAtLevel=1 (no C2 compiler) or a JFR recording:
#   -XX:StartFlightRecording=filename=/tmp/agent.jfr,dumponexit=true;
#   EXEC_LOAD_AUDIT_BUNDLE, a collector-audit jar to run instead of the one packed in edgesec.jar
#   (e.g. collector-audit/target/collector-audit-*.jar, without rebuilding the launcher): the
#   script runs a copy of edgesec.jar with that bundle replaced.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=exec-load-lib.sh
. "$here/exec-load-lib.sh"
exec_load_hold_lock "$0" "$@"

module=$(dirname "$here")
repo=$(dirname "$module")
rate=${1:-1000}
window=${2:-30}
warmup=${EXEC_LOAD_WARMUP:-30} # seconds of load before the window: the JIT compiles the exec path meanwhile
idle=10
key=edgesec-bench

[[ "$rate" =~ ^[0-9]+$ && "$rate" -gt 0 ]] || die "RATE must be a positive number, not '$rate'"
[[ "$window" =~ ^[0-9]+$ && "$window" -gt 0 ]] || die "WINDOW_SECONDS must be a positive number, not '$window'"
[[ "$warmup" =~ ^[0-9]+$ ]] || die "EXEC_LOAD_WARMUP must be a number of seconds, not '$warmup'"
for tool in jar; do
    command -v "$tool" > /dev/null || die "$tool not found"
done
exec_load_setup exec-load "$key"
tmp=$EL_TMP
lost_before=$(audit_status lost)

jar="$repo/launcher/target/edgesec.jar"
if [ ! -f "$jar" ]; then
    echo "exec-load: building the agent ($jar is missing)" >&2
    (cd "$repo" && mvn -B -q -DskipTests install)
fi

if [ -n "${EXEC_LOAD_AUDIT_BUNDLE:-}" ]; then
    [ -f "$EXEC_LOAD_AUDIT_BUNDLE" ] || die "EXEC_LOAD_AUDIT_BUNDLE: no such file: $EXEC_LOAD_AUDIT_BUNDLE"
    entry=$(jar tf "$jar" | grep -E '^edgesec-bundles/collector-audit-[^/]*\.jar$' | head -n 1)
    [ -n "$entry" ] || die "no collector-audit bundle inside $jar"
    mkdir -p "$tmp/repack/edgesec-bundles"
    cp -- "$EXEC_LOAD_AUDIT_BUNDLE" "$tmp/repack/$entry"
    cp -- "$jar" "$tmp/edgesec.jar"
    (cd "$tmp/repack" && jar uf "$tmp/edgesec.jar" "$entry")
    jar="$tmp/edgesec.jar"
    echo "exec-load: running a copy of edgesec.jar with $entry replaced by $EXEC_LOAD_AUDIT_BUNDLE" >&2
fi

read -r -a java_opts <<< "${EXEC_LOAD_JAVA_OPTS:-}"
EL_AGENT_OUTPUT=/dev/null
el_agent_start agent_pid "$jar" "$tmp/agent" "${java_opts[@]}"
state="$tmp/agent/audit-state"
log=$EL_LOG
auditd_pid=$EL_AUDITD_PID
target=$EL_TARGET
sleep 5 # the rest of start-up

hz=$(getconf CLK_TCK)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(now)
c0=$(cpu_ticks "$agent_pid")
sleep "$idle"
idle_pct=$(awk -v c="$(($(cpu_ticks "$agent_pid") - c0))" -v hz="$hz" -v t0="$t0" -v t1="$(now)" \
    'BEGIN { printf "%.2f", 100 * c / hz / (t1 - t0) }')

exec_load_start "$rate" $((warmup + window + 2)) "$tmp/load.out"
tw=$(now)
cw=$(cpu_ticks "$agent_pid")
sleep "$warmup"
size_a=$(stat -c %s "$log")
ino_a=$(stat -c %i "$log")
ta=$(now)
ca=$(cpu_ticks "$agent_pid")
da=$(cpu_ticks "$auditd_pid")
warm_pct=$(awk -v c="$((ca - cw))" -v hz="$hz" -v t0="$tw" -v t1="$ta" 'BEGIN { printf "%.2f", 100 * c / hz / (t1 - t0) }')
thread_ticks "$agent_pid" > "$tmp/threads.a"
sleep "$window"
tb=$(now)
cb=$(cpu_ticks "$agent_pid")
db=$(cpu_ticks "$auditd_pid")
thread_ticks "$agent_pid" > "$tmp/threads.b"
size_b=$(stat -c %s "$log")
ino_b=$(stat -c %i "$log")
saved_at_b=$(awk '$1 == "offset" { print $2 }' "$state/audit.log.position")
exec_load_wait
read -r started failed elapsed < "$tmp/load.out"
sleep 3
saved_after=$(awk '$1 == "offset" { print $2 }' "$state/audit.log.position")
size_after=$(stat -c %s "$log")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
lost_after=$(audit_status lost)

secs=$(awk -v a="$ta" -v b="$tb" 'BEGIN { print b - a }')
agent_pct=$(awk -v c="$((cb - ca))" -v hz="$hz" -v s="$secs" 'BEGIN { printf "%.2f", 100 * c / hz / s }')
auditd_pct=$(awk -v c="$((db - da))" -v hz="$hz" -v s="$secs" 'BEGIN { printf "%.2f", 100 * c / hz / s }')
achieved=$(awk -v n="$started" -v s="$elapsed" 'BEGIN { printf "%.0f", n / s }')
if [ "$ino_a" = "$ino_b" ] && [ "$size_b" -ge "$size_a" ]; then
    # execve SYSCALL records written in the window (every process of the host)
    audited=$(tail -c +$((size_a + 1)) "$log" | head -c $((size_b - size_a)) \
        | grep -a -c -E '^(node=[^ ]+ )?type=SYSCALL .*key="?edgesec-bench' || true)
    audited_rate=$(awk -v n="$audited" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')
else
    audited_rate="n/a (the log was rotated)"
fi

printf 'date: %s; host: %s cores; load average before %s, after %s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" \
    "$load_before" "$load_after"
printf 'exec load: %s/s asked, %s/s achieved (%s started, %s failed in %s s) of %s\n' "$rate" "$achieved" "$started" \
    "$failed" "$elapsed" "$target"
printf 'execve events audited in the %.1f s window: %s/s (every process of the host)\n' "$secs" "$audited_rate"
printf 'agent CPU idle (%s s before the load): %s%% of one core\n' "$idle" "$idle_pct"
printf 'agent CPU in the first %s s of load (JIT compiling the exec path): %s%% of one core\n' "$warmup" "$warm_pct"
printf 'agent CPU under load (%.1f s window after that): %s%% of one core (goal: below 5%%)\n' "$secs" "$agent_pct"
if [[ "$audited_rate" =~ ^[0-9]+$ && "$audited_rate" -gt 0 ]]; then
    printf 'agent CPU per 1,000 audited execs/s (linear): %.2f%% of one core\n' \
        "$(awk -v p="$agent_pct" -v r="$audited_rate" 'BEGIN { print p * 1000 / r }')"
fi
# the agent's busiest threads in the window (threads of one name summed: GC, JIT, pools)
printf 'agent threads in the window, %% of one core:'
awk -v hz="$hz" -v s="$secs" 'NR == FNR { a[$2] += $1; next } { b[$2] += $1 }
    END { for (n in b) { d = b[n] - a[n]; if (d > 0) printf "%.2f %s\n", 100 * d / hz / s, n } }' \
    "$tmp/threads.a" "$tmp/threads.b" | sort -rn | head -n 8 | awk '{ printf " %s %s%%;", $2, $1 }'
echo
printf 'auditd CPU in the window: %s%% of one core\n' "$auditd_pct"
printf 'agent log position: %s of %s bytes at the end of the window (saved once a second), %s of %s 3 s after the load\n' \
    "$saved_at_b" "$size_b" "$saved_after" "$size_after"
printf 'kernel lost records during the run: %s\n' "$((lost_after - lost_before))"
