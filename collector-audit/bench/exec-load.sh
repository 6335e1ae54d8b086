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
#  4. Runs bench/execload.c: RATE execs/s of bench/noop.c (a libc-free program that exits at
#     once; /bin/true where it cannot be built) for WARMUP + WINDOW seconds; reports the agent's
#     CPU during the warm-up (JIT compiling) and samples the agent's
#     and auditd's utime+stime (/proc/PID/stat) over the WINDOW; counts the execve events that
#     the log got in that time (every process of the host, not only ours).
#  5. Prints the agent's CPU in % of one core, the achieved exec rate, and whether the agent kept
#     up (its saved log position against the log's size).
# Afterwards it stops what it started (by pid), removes exactly its rule (unless the rule was
# there before), restores the backlog limit and the kernel's enabled flag it found, and deletes
# its temporary folder.
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
module=$(dirname "$here")
repo=$(dirname "$module")
rate=${1:-1000}
window=${2:-30}
warmup=${EXEC_LOAD_WARMUP:-30} # seconds of load before the window: the JIT compiles the exec path meanwhile
idle=10
key=edgesec-bench
rule=("always,exit" -F arch=b64 -S execve -k "$key")

die() {
    echo "exec-load: $*" >&2
    exit 1
}

[[ "$rate" =~ ^[0-9]+$ && "$rate" -gt 0 ]] || die "RATE must be a positive number, not '$rate'"
[[ "$window" =~ ^[0-9]+$ && "$window" -gt 0 ]] || die "WINDOW_SECONDS must be a positive number, not '$window'"
[[ "$warmup" =~ ^[0-9]+$ ]] || die "EXEC_LOAD_WARMUP must be a number of seconds, not '$warmup'"
[ "$(id -u)" = 0 ] || die "needs root (audit rules, auditd)"
for tool in auditctl auditd gcc java jar; do
    command -v "$tool" > /dev/null || die "$tool not found"
done

# auditctl -s field (enabled, pid, backlog_limit, lost ...)
audit_status() {
    auditctl -s | awk -v k="$1" '$1 == k { print $2 }'
}

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat; the command
# name in field 2 may hold spaces, so count from the last ')')
cpu_ticks() {
    local stat rest
    stat=$(< "/proc/$1/stat")
    rest=${stat##*) }
    read -r -a f <<< "$rest"
    echo $((f[11] + f[12]))
}

# "ticks name" for every thread of process $1 (the thread name is field 2 of its stat)
thread_ticks() {
    local t stat name rest
    for t in /proc/"$1"/task/*; do
        stat=$(< "$t/stat") || continue
        name=${stat#*(}
        name=${name%)*}
        rest=${stat##*) }
        read -r -a f <<< "$rest"
        printf '%s %s\n' "$((f[11] + f[12]))" "${name// /_}"
    done
}

now() {
    date +%s.%N
}

# a JSON string literal of a file path (backslash and quote escaped; control characters refused)
json_path() {
    local s=$1
    [[ "$s" != *[[:cntrl:]]* ]] || die "path with control characters: $s"
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    printf '"%s"' "$s"
}

# waits up to $2 seconds for process $1 to end; then SIGKILL
stop_pid() {
    local pid=$1 grace=$2
    kill -TERM "$pid" 2> /dev/null || return 0
    for _ in $(seq $((grace * 10))); do
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2> /dev/null; then
        echo "exec-load: pid $pid did not stop on SIGTERM; killing it" >&2
        kill -KILL "$pid" 2> /dev/null || true
    fi
    wait "$pid" 2> /dev/null || true
}

saved_enabled=$(audit_status enabled)
saved_backlog=$(audit_status backlog_limit)
[ "$saved_enabled" != 2 ] || die "the audit configuration is locked (enabled 2); rules cannot be added"

tmp=$(mktemp -d /tmp/edgesec-exec-load.XXXXXX)
auditd_pid=
own_auditd=0
rule_added=0
backlog_changed=0
agent_pid=
load_pid=

cleanup() {
    set +e
    [ -n "$load_pid" ] && stop_pid "$load_pid" 10
    [ -n "$agent_pid" ] && stop_pid "$agent_pid" 60
    if [ "$rule_added" = 1 ]; then
        auditctl -d "${rule[@]}" > /dev/null || echo "exec-load: could not remove the rule: auditctl -d ${rule[*]}" >&2
    fi
    [ "$backlog_changed" = 1 ] && auditctl -b "$saved_backlog" > /dev/null
    [ "$own_auditd" = 1 ] && stop_pid "$auditd_pid" 30
    if [ "$(audit_status enabled)" != "$saved_enabled" ]; then
        auditctl -e "$saved_enabled" > /dev/null
    fi
    rm -rf -- "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

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

gcc -O2 -o "$tmp/execload" "$here/execload.c"
if gcc -O2 -nostdlib -static -o "$tmp/noop" "$here/noop.c" 2> /dev/null; then
    target="$tmp/noop"
else
    target=/bin/true
fi

lost_before=$(audit_status lost)
if [ "$(audit_status pid)" = 0 ]; then
    conf="$tmp/audit"
    log="$conf/log/audit.log"
    mkdir -p "$conf/log" "$conf/plugins.d"
    {
        echo "local_events = yes"
        echo "write_logs = yes"
        echo "log_file = $log"
        echo "log_format = ENRICHED"
        echo "flush = INCREMENTAL_ASYNC"
        echo "freq = 50"
        echo "max_log_file = 1000"
        echo "max_log_file_action = IGNORE"
        echo "space_left = 100"
        echo "admin_space_left = 50"
        echo "disk_full_action = IGNORE"
        echo "disk_error_action = IGNORE"
        echo "plugin_dir = $conf/plugins.d"
        echo "q_depth = 8000"
        echo "end_of_event_timeout = 2"
    } > "$conf/auditd.conf"
    chmod 0600 "$conf/auditd.conf"
    auditd -n -c "$conf" > "$tmp/auditd.out" 2>&1 &
    auditd_pid=$!
    own_auditd=1
    for _ in $(seq 300); do
        [ "$(audit_status pid)" = "$auditd_pid" ] && [ -f "$log" ] && break
        kill -0 "$auditd_pid" 2> /dev/null || die "auditd exited: $(cat "$tmp/auditd.out")"
        sleep 0.1
    done
    [ "$(audit_status pid)" = "$auditd_pid" ] || die "auditd did not register with the kernel"
else
    # the running auditd's log: log_file of its configuration (-c DIR, else /etc/audit)
    auditd_pid=$(audit_status pid)
    conf=/etc/audit
    mapfile -d '' -t argv < "/proc/$auditd_pid/cmdline"
    for i in "${!argv[@]}"; do
        [ "${argv[$i]}" = -c ] && conf=${argv[$((i + 1))]}
    done
    log=$(awk -F= '$1 ~ /^[ \t]*log_file[ \t]*$/ { gsub(/^[ \t]+|[ \t]+$/, "", $2); print $2 }' "$conf/auditd.conf" 2> /dev/null | tail -n 1)
    log=${log:-/var/log/audit/audit.log}
    echo "exec-load: using the running auditd (pid $auditd_pid), log $log" >&2
fi
if [ "$saved_backlog" -lt 8192 ]; then
    auditctl -b 8192 > /dev/null
    backlog_changed=1
fi
if out=$(auditctl -a "${rule[@]}" 2>&1); then
    rule_added=1
elif [[ "$out" == *"exists"* ]]; then
    echo "exec-load: the rule is there already; it stays" >&2
else
    die "auditctl -a ${rule[*]}: $out"
fi

state="$tmp/audit-state"
printf '{"edgesec": {"io.edgesec.collector.audit": {"logPath": %s, "stateDirectory": %s}}}\n' \
    "$(json_path "$log")" "$(json_path "$state")" > "$tmp/agent.json"
read -r -a java_opts <<< "${EXEC_LOAD_JAVA_OPTS:-}"
# the JVM options of scripts/run.sh (what an operator runs), then the caller's
MALLOC_ARENA_MAX=2 java -Xmx64m -Xms16m -XX:+UseSerialGC -Xss256k -XX:-UsePerfData "${java_opts[@]}" \
    -jar "$jar" run --output /dev/null --data-dir "$tmp/data" --config "$tmp/agent.json" > "$tmp/agent.out" 2>&1 &
agent_pid=$!
for _ in $(seq 1200); do
    [ -f "$state/audit.log.position" ] && break
    kill -0 "$agent_pid" 2> /dev/null || die "the agent exited: $(tail -n 20 "$tmp/agent.out")"
    sleep 0.1
done
[ -f "$state/audit.log.position" ] || die "the agent's audit collector did not open $log"
sleep 5 # the rest of start-up

hz=$(getconf CLK_TCK)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(now)
c0=$(cpu_ticks "$agent_pid")
sleep "$idle"
idle_pct=$(awk -v c="$(($(cpu_ticks "$agent_pid") - c0))" -v hz="$hz" -v t0="$t0" -v t1="$(now)" \
    'BEGIN { printf "%.2f", 100 * c / hz / (t1 - t0) }')

"$tmp/execload" "$rate" $((warmup + window + 2)) "$target" > "$tmp/load.out" &
load_pid=$!
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
wait "$load_pid"
load_pid=
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
