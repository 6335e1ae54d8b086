#!/bin/bash
# Benchmark (not a test): the agent's CPU while the host execs about 1,000 processes a second,
# with the detector and without it (issue 10's goal: with at most 1.1x without). Needs root, gcc,
# auditctl and auditd.
#
# In one run, alternating (on, off, then off, on, ...):
#   on:  launcher/target/edgesec.jar as built;
#   off: a copy of that jar without edgesec-bundles/detector-*.jar. The detector has no "off"
#        switch in its configuration: without its bundle, no EventObserver is registered and the
#        aggregator feeds nothing, which is exactly the agent of an operator who does not deploy
#        the detector. Everything else (bundles, configuration, JVM options) is the same.
# Each run: the agent as scripts/run.sh starts it (MALLOC_ARENA_MAX=2 java -Xmx64m -Xms16m
# -XX:+UseSerialGC -Xss256k -XX:-UsePerfData), output to a file in the run's folder, the audit
# collector tailing the log of an auditd (its own, started here, when none runs) with its state in
# the run's folder; then collector-audit/bench/execload.c starts RATE execs/s of
# collector-audit/bench/noop.c (a static program that exits at once) for WARMUP + WINDOW seconds,
# and the agent's utime+stime (/proc/PID/stat) is taken over the WINDOW after the WARMUP (the JIT
# compiles the exec path meanwhile), with its busiest threads. The load programs are built outside
# /tmp (in /var/cache): run from a temporary directory they would be what the detector's IOTA rules
# for programs run from /tmp look for, and the load is meant to be benign.
#
# Prints each run, the median CPU of each variant and their ratio (on / off), the median of the
# per-round ratios, and the load average before and after.
#
# Audit state: the whole run holds flock /tmp/edgesec-audit.lock (other tests change audit rules);
# one rule is added, tagged with its own key (-a always,exit -F arch=b64 -S execve
# -k edgesec-detector-cpu), and deleted afterwards; the backlog limit and the enabled flag found
# are restored; an auditd started here is stopped. Every process started is stopped by pid; the
# temporary folders are removed.
#
# Usage: bench/detector-cpu.sh [ROUNDS [RATE [WINDOW_SECONDS]]]   (defaults 3, 1000, 30)
# Environment: DETECTOR_CPU_WARMUP (seconds of load before each window, default 30);
#   DETECTOR_CPU_JAR (the agent jar, default launcher/target/edgesec.jar).
set -euo pipefail

if [ -z "${EDGESEC_AUDIT_LOCK_HELD:-}" ]; then
    exec env EDGESEC_AUDIT_LOCK_HELD=1 flock /tmp/edgesec-audit.lock "$0" "$@"
fi

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
rounds=${1:-3}
rate=${2:-1000}
window=${3:-30}
warmup=${DETECTOR_CPU_WARMUP:-30}
key=edgesec-detector-cpu
rule=("always,exit" -F arch=b64 -S execve -k "$key")

die() {
    echo "detector-cpu: $*" >&2
    exit 1
}

for v in "$rounds" "$rate" "$window"; do
    [[ "$v" =~ ^[0-9]+$ && "$v" -gt 0 ]] || die "ROUNDS, RATE and WINDOW_SECONDS must be positive numbers, not '$v'"
done
[[ "$warmup" =~ ^[0-9]+$ ]] || die "DETECTOR_CPU_WARMUP must be a number of seconds, not '$warmup'"
[ "$(id -u)" = 0 ] || die "needs root (audit rules, auditd)"
for tool in auditctl auditd gcc java python3; do
    command -v "$tool" > /dev/null || die "$tool not found"
done

audit_status() {
    auditctl -s | awk -v k="$1" '$1 == k { print $2 }'
}

# utime + stime in clock ticks (fields 14 and 15 of /proc/PID/stat, counted after the last ')')
cpu_ticks() {
    local stat rest
    stat=$(< "/proc/$1/stat")
    rest=${stat##*) }
    read -r -a f <<< "$rest"
    echo $((f[11] + f[12]))
}

# "ticks name" for every thread of process $1
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

json_path() {
    local s=$1
    [[ "$s" != *[[:cntrl:]]* ]] || die "path with control characters: $s"
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    printf '"%s"' "$s"
}

stop_pid() {
    local pid=$1 grace=$2
    kill -TERM "$pid" 2> /dev/null || return 0
    for _ in $(seq $((grace * 10))); do
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2> /dev/null; then
        echo "detector-cpu: pid $pid did not stop on SIGTERM; killing it" >&2
        kill -KILL "$pid" 2> /dev/null || true
    fi
    wait "$pid" 2> /dev/null || true
}

saved_enabled=$(audit_status enabled)
saved_backlog=$(audit_status backlog_limit)
[ "$saved_enabled" != 2 ] || die "the audit configuration is locked (enabled 2); rules cannot be added"

tmp=$(mktemp -d /tmp/edgesec-detector-cpu.XXXXXX)
bin=$(mktemp -d /var/cache/edgesec-detector-cpu.XXXXXX)
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
        auditctl -d "${rule[@]}" > /dev/null || echo "detector-cpu: could not remove the rule: auditctl -d ${rule[*]}" >&2
    fi
    [ "$backlog_changed" = 1 ] && auditctl -b "$saved_backlog" > /dev/null
    [ "$own_auditd" = 1 ] && stop_pid "$auditd_pid" 30
    if [ "$(audit_status enabled)" != "$saved_enabled" ]; then
        auditctl -e "$saved_enabled" > /dev/null
    fi
    rm -rf -- "$tmp" "$bin"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

jar=${DETECTOR_CPU_JAR:-$repo/launcher/target/edgesec.jar}
if [ ! -f "$jar" ]; then
    echo "detector-cpu: building the agent ($jar is missing)" >&2
    (cd "$repo" && mvn -B -ntp -o -q -DskipTests package)
fi
# the same jar without the detector bundle
python3 - "$jar" "$tmp/edgesec-no-detector.jar" <<'EOF'
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
removed = []
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
    for item in zin.infolist():
        if re.fullmatch(r"edgesec-bundles/detector-[^/]*\.jar", item.filename):
            removed.append(item.filename)
            continue
        zout.writestr(item, zin.read(item.filename))
if len(removed) != 1:
    sys.exit("detector-cpu: expected one edgesec-bundles/detector-*.jar in %s, found %s" % (src, removed))
print("detector-cpu: 'off' runs %s without %s" % (src, removed[0]), file=sys.stderr)
EOF

gcc -O2 -o "$bin/execload" "$repo/collector-audit/bench/execload.c"
if gcc -O2 -nostdlib -static -o "$bin/noop" "$repo/collector-audit/bench/noop.c" 2> /dev/null; then
    target="$bin/noop"
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
    auditd_pid=$(audit_status pid)
    conf=/etc/audit
    mapfile -d '' -t argv < "/proc/$auditd_pid/cmdline"
    for i in "${!argv[@]}"; do
        [ "${argv[$i]}" = -c ] && conf=${argv[$((i + 1))]}
    done
    log=$(awk -F= '$1 ~ /^[ \t]*log_file[ \t]*$/ { gsub(/^[ \t]+|[ \t]+$/, "", $2); print $2 }' "$conf/auditd.conf" 2> /dev/null | tail -n 1)
    log=${log:-/var/log/audit/audit.log}
    echo "detector-cpu: using the running auditd (pid $auditd_pid), log $log" >&2
fi
if [ "$saved_backlog" -lt 8192 ]; then
    auditctl -b 8192 > /dev/null
    backlog_changed=1
fi
if out=$(auditctl -a "${rule[@]}" 2>&1); then
    rule_added=1
elif [[ "$out" == *"exists"* ]]; then
    echo "detector-cpu: the rule is there already; it stays" >&2
else
    die "auditctl -a ${rule[*]}: $out"
fi

hz=$(getconf CLK_TCK)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
results="$tmp/results"
: > "$results"

# one run: $1 = on|off; appends "variant cpu% achieved-rate load1 detector-thread%" to $results
run() {
    local variant=$1 agent_jar=$jar dir
    [ "$variant" = off ] && agent_jar="$tmp/edgesec-no-detector.jar"
    dir=$(mktemp -d "$tmp/run-$variant.XXXXXX")
    printf '{"edgesec": {"io.edgesec.collector.audit": {"logPath": %s, "stateDirectory": %s}}}\n' \
        "$(json_path "$log")" "$(json_path "$dir/audit-state")" > "$dir/agent.json"
    MALLOC_ARENA_MAX=2 java -Xmx64m -Xms16m -XX:+UseSerialGC -Xss256k -XX:-UsePerfData \
        -jar "$agent_jar" run --output "$dir/out.jsonl" --data-dir "$dir/data" --config "$dir/agent.json" > "$dir/agent.out" 2>&1 &
    agent_pid=$!
    for _ in $(seq 1200); do
        [ -f "$dir/audit-state/audit.log.position" ] && break
        kill -0 "$agent_pid" 2> /dev/null || die "the agent exited: $(tail -n 20 "$dir/agent.out")"
        sleep 0.1
    done
    [ -f "$dir/audit-state/audit.log.position" ] || die "the agent's audit collector did not open $log"
    sleep 5 # the rest of start-up
    "$bin/execload" "$rate" $((warmup + window + 2)) "$target" > "$dir/load.out" &
    load_pid=$!
    sleep "$warmup"
    local ta ca tb cb load1 started failed elapsed secs pct achieved det
    ta=$(now)
    ca=$(cpu_ticks "$agent_pid")
    thread_ticks "$agent_pid" > "$dir/threads.a"
    sleep "$window"
    tb=$(now)
    cb=$(cpu_ticks "$agent_pid")
    thread_ticks "$agent_pid" > "$dir/threads.b"
    load1=$(cut -d' ' -f1 /proc/loadavg)
    wait "$load_pid"
    load_pid=
    read -r started failed elapsed < "$dir/load.out"
    stop_pid "$agent_pid" 60
    agent_pid=
    secs=$(awk -v a="$ta" -v b="$tb" 'BEGIN { print b - a }')
    pct=$(awk -v c="$((cb - ca))" -v hz="$hz" -v s="$secs" 'BEGIN { printf "%.2f", 100 * c / hz / s }')
    achieved=$(awk -v n="$started" -v s="$elapsed" 'BEGIN { printf "%.0f", n / s }')
    det=$(awk -v hz="$hz" -v s="$secs" 'NR == FNR { a[$2] += $1; next } $2 == "edgesec-detecto" || $2 == "edgesec-detector" { d += $1 - a[$2] }
        END { printf "%.2f", 100 * d / hz / s }' "$dir/threads.a" "$dir/threads.b")
    local alerts
    alerts=$(grep -a -c '"Name":"Alert"' "$dir/out.jsonl" 2> /dev/null || true)
    printf '%s %s %s %s %s %s\n' "$variant" "$pct" "$achieved" "$load1" "$det" "${alerts:-0}" >> "$results"
    printf 'run %-3s: agent CPU %6s%% of one core over %.1f s; %s execs/s achieved (%s failed); detector thread %s%%; alert lines sent %s; load %s; busiest threads:' \
        "$variant" "$pct" "$secs" "$achieved" "$failed" "$det" "${alerts:-0}" "$load1"
    awk -v hz="$hz" -v s="$secs" 'NR == FNR { a[$2] += $1; next } { b[$2] += $1 }
        END { for (n in b) { d = b[n] - a[n]; if (d > 0) printf "%.2f %s\n", 100 * d / hz / s, n } }' \
        "$dir/threads.a" "$dir/threads.b" | sort -rn | head -n 6 | awk '{ printf " %s %s%%;", $2, $1 }'
    echo
}

for r in $(seq "$rounds"); do
    if [ $((r % 2)) = 1 ]; then
        run on
        run off
    else
        run off
        run on
    fi
done

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
lost_after=$(audit_status lost)
printf 'date: %s; host: %s cores; load average at the start %s, at the end %s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" \
    "$load_start" "$load_end"
printf 'load: %s execs/s asked of %s for %s s warm-up + %s s window per run; %s rounds; kernel lost records: %s\n' \
    "$rate" "$target" "$warmup" "$window" "$rounds" "$((lost_after - lost_before))"
python3 - "$results" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
on = [float(r[1]) for r in rows if r[0] == "on"]
off = [float(r[1]) for r in rows if r[0] == "off"]
pairs = [float(a[1]) / float(b[1]) for a, b in zip([r for r in rows if r[0] == "on"], [r for r in rows if r[0] == "off"]) if float(b[1]) > 0]
m_on, m_off = statistics.median(on), statistics.median(off)
print("agent CPU with the detector   : median %.2f%% of one core (runs: %s)" % (m_on, ", ".join("%.2f" % x for x in on)))
print("agent CPU without the detector: median %.2f%% of one core (runs: %s)" % (m_off, ", ".join("%.2f" % x for x in off)))
print("ratio with/without: %.3f (medians); per round: %s, median %.3f (goal: at most 1.1)"
      % (m_on / m_off if m_off else float("nan"), ", ".join("%.3f" % x for x in pairs),
         statistics.median(pairs) if pairs else float("nan")))
EOF
