#!/bin/bash
# Benchmark (not a test): the agent's CPU while the host execs about 1,000 processes a second,
# with the detector and without it (issue 10's goal: with at most 1.1x without). Needs root, gcc,
# auditctl, auditd, java and python3.
#
# Variants, run side by side in each round (not one after the other: the shared machine's load
# and the exec load are then the same for all of them):
#   off: the first jar without edgesec-bundles/detector-*.jar. The detector has no "off" switch
#        in its configuration: without its bundle, no EventObserver is registered and the
#        aggregator feeds nothing, which is exactly the agent of an operator who does not deploy
#        the detector. Everything else (bundles, configuration, JVM options) is the same.
#   on1, on2 ...: each jar as given (e.g. the agent of main and of a branch: before and after).
# Each round starts one agent per variant (the start order alternates between rounds) as
# scripts/run.sh starts it, all tailing the same audit log, each with its own state and output;
# then the one exec load of collector-audit/bench/exec-load-lib.sh (also exec-load.sh's: audit
# set-up, execload.c, noop.c) for WARMUP + WINDOW seconds; each agent's utime+stime
# (/proc/PID/stat) and its threads' are taken over the WINDOW after the WARMUP (the JIT compiles
# the exec path meanwhile). Then the agents stop; the next round starts fresh JVMs, so that one
# run's late JIT compilation or GC pattern is one round's noise, not the result.
#
# Prints each agent of each round (total CPU, CPU without the JIT compiler threads, the detector
# thread, the GC's VM thread, alert lines sent), then per variant the median and the spread
# (min-max) of the CPU, and per "on" variant the per-round ratios on/off (median, min, max), both
# with and without the compiler threads. A round's ratio compares agents that ran at the same
# time under the same load.
#
# Audit state: the whole run holds flock /tmp/edgesec-audit.lock (other tests change audit rules);
# one rule is added, tagged with its own key (-a always,exit -F arch=b64 -S execve
# -k edgesec-detector-cpu), and deleted afterwards; the backlog limit and the enabled flag found
# are restored; an auditd started here is stopped. Every process started is stopped by pid; the
# temporary folders are removed.
#
# Usage: bench/detector-cpu.sh [ROUNDS [RATE [WINDOW_SECONDS]]]   (defaults 5, 1000, 60)
# Environment: DETECTOR_CPU_WARMUP (seconds of load before each window, default 60);
#   DETECTOR_CPU_JARS (agent jars, blank-separated, default launcher/target/edgesec.jar; "off"
#   is made from the first); DETECTOR_CPU_JAR (one jar, the former name of the same).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
# shellcheck source=../collector-audit/bench/exec-load-lib.sh
. "$repo/collector-audit/bench/exec-load-lib.sh"
exec_load_hold_lock "$0" "$@"
el_name=detector-cpu

rounds=${1:-5}
rate=${2:-1000}
window=${3:-60}
warmup=${DETECTOR_CPU_WARMUP:-60}
for v in "$rounds" "$rate" "$window"; do
    [[ "$v" =~ ^[0-9]+$ && "$v" -gt 0 ]] || die "ROUNDS, RATE and WINDOW_SECONDS must be positive numbers, not '$v'"
done
[[ "$warmup" =~ ^[0-9]+$ ]] || die "DETECTOR_CPU_WARMUP must be a number of seconds, not '$warmup'"
command -v python3 > /dev/null || die "python3 not found"
read -r -a jars <<< "${DETECTOR_CPU_JARS:-${DETECTOR_CPU_JAR:-$repo/launcher/target/edgesec.jar}}"
if [ "${jars[0]}" = "$repo/launcher/target/edgesec.jar" ] && [ ! -f "${jars[0]}" ]; then
    echo "detector-cpu: building the agent (${jars[0]} is missing)" >&2
    (cd "$repo" && mvn -B -ntp -o -q -pl launcher -am -DskipTests package)
fi
for j in "${jars[@]}"; do
    [ -f "$j" ] || die "no such jar: $j"
done

exec_load_setup detector-cpu edgesec-detector-cpu
tmp=$EL_TMP
lost_before=$(audit_status lost)

# the variants: off (the first jar without the detector bundle), then on1, on2 ... (copies, so
# that a rebuild during the run cannot change them)
names=(off)
variant_jars=("$tmp/edgesec-no-detector.jar")
python3 - "${jars[0]}" "$tmp/edgesec-no-detector.jar" <<'EOF'
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
k=1
for j in "${jars[@]}"; do
    cp -- "$j" "$tmp/on$k.jar"
    names+=("on$k")
    variant_jars+=("$tmp/on$k.jar")
    echo "detector-cpu: on$k runs $j (sha256 $(sha256sum "$j" | cut -c1-12))" >&2
    k=$((k + 1))
done

hz=$(getconf CLK_TCK)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
results="$tmp/results"
: > "$results"

# the CPU of threads whose name starts with $3 between samples $1 and $2, in % of one core over $4 s
threads_pct() {
    awk -v hz="$hz" -v s="$4" -v p="$3" 'NR == FNR { a[$2] += $1; next } index($2, p) == 1 { d += $1 - a[$2] }
        END { printf "%.2f", 100 * d / hz / s }' "$1" "$2"
}

round() {
    local r=$1 order=() i n=${#names[@]} v dir ta tb secs started failed elapsed load1
    local -A pid ca cb
    for i in $(seq 0 $((n - 1))); do
        if [ $((r % 2)) = 1 ]; then order+=("$i"); else order=("$i" "${order[@]}"); fi
    done
    for i in "${order[@]}"; do
        v=${names[$i]}
        dir="$tmp/round$r-$v"
        el_agent_start "pid[$v]" "${variant_jars[$i]}" "$dir"
    done
    sleep 5 # the rest of start-up
    exec_load_start "$rate" $((warmup + window + 2)) "$tmp/round$r-load.out"
    sleep "$warmup"
    ta=$(now)
    for i in "${order[@]}"; do
        v=${names[$i]}
        ca[$v]=$(cpu_ticks "${pid[$v]}")
        thread_ticks "${pid[$v]}" > "$tmp/round$r-$v/threads.a"
    done
    sleep "$window"
    tb=$(now)
    for i in "${order[@]}"; do
        v=${names[$i]}
        cb[$v]=$(cpu_ticks "${pid[$v]}")
        thread_ticks "${pid[$v]}" > "$tmp/round$r-$v/threads.b"
    done
    load1=$(cut -d' ' -f1 /proc/loadavg)
    exec_load_wait
    read -r started failed elapsed < "$tmp/round$r-load.out"
    for i in "${order[@]}"; do
        el_agent_stop "${pid[${names[$i]}]}"
    done
    secs=$(awk -v a="$ta" -v b="$tb" 'BEGIN { print b - a }')
    local achieved pct jit det vm alerts a b
    achieved=$(awk -v n="$started" -v s="$elapsed" 'BEGIN { printf "%.0f", n / s }')
    for i in "${order[@]}"; do
        v=${names[$i]}
        dir="$tmp/round$r-$v"
        a="$dir/threads.a"
        b="$dir/threads.b"
        pct=$(awk -v c="$((cb[$v] - ca[$v]))" -v hz="$hz" -v s="$secs" 'BEGIN { printf "%.2f", 100 * c / hz / s }')
        jit=$(awk -v x="$(threads_pct "$a" "$b" C1_CompilerThre "$secs")" -v y="$(threads_pct "$a" "$b" C2_CompilerThre "$secs")" \
            'BEGIN { printf "%.2f", x + y }')
        det=$(threads_pct "$a" "$b" edgesec-detecto "$secs")
        vm=$(threads_pct "$a" "$b" VM_Thread "$secs")
        alerts=$(grep -a -c '"Name":"Alert"' "$dir/out.jsonl" 2> /dev/null || true)
        printf '%s %s %s %s %s %s %s %s\n' "$r" "$v" "$pct" "$jit" "$det" "$vm" "${alerts:-0}" "$load1" >> "$results"
        printf 'round %s %-4s: agent CPU %5s%% of one core over %.1f s (JIT compiler threads %s%%, detector thread %s%%, VM thread %s%%); alert lines %s; %s execs/s (%s failed); load %s; busiest:' \
            "$r" "$v" "$pct" "$secs" "$jit" "$det" "$vm" "${alerts:-0}" "$achieved" "$failed" "$load1"
        awk -v hz="$hz" -v s="$secs" 'NR == FNR { a[$2] += $1; next } { b[$2] += $1 }
            END { for (n in b) { d = b[n] - a[n]; if (d > 0) printf "%.2f %s\n", 100 * d / hz / s, n } }' \
            "$a" "$b" | sort -rn | head -n 4 | awk '{ printf " %s %s%%;", $2, $1 }'
        echo
    done
}

for r in $(seq "$rounds"); do
    round "$r"
done

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
lost_after=$(audit_status lost)
printf 'date: %s; host: %s cores; load average at the start %s, at the end %s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" \
    "$load_start" "$load_end"
printf 'load: %s execs/s asked of %s for %s s warm-up + %s s window per round; %s rounds, %s agents side by side; kernel lost records: %s\n' \
    "$rate" "$EL_TARGET" "$warmup" "$window" "$rounds" "${#names[@]}" "$((lost_after - lost_before))"
python3 - "$results" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
cpu = {}   # variant -> round -> (total, without the compiler threads)
for r, v, pct, jit, *_ in rows:
    cpu.setdefault(v, {})[r] = (float(pct), float(pct) - float(jit))
def spread(xs):
    return "median %.2f (min %.2f, max %.2f)" % (statistics.median(xs), min(xs), max(xs))
for v, by in cpu.items():
    print("%-4s agent CPU, %% of one core: total %s; without JIT compiler threads %s"
          % (v, spread([t for t, _ in by.values()]), spread([n for _, n in by.values()])))
for v, by in cpu.items():
    if v == "off":
        continue
    rs = [r for r in by if r in cpu["off"] and cpu["off"][r][0] > 0 and cpu["off"][r][1] > 0]
    if not rs:
        continue
    tot = [by[r][0] / cpu["off"][r][0] for r in rs]
    nojit = [by[r][1] / cpu["off"][r][1] for r in rs]
    print("%s/off per round: %s; %s (goal: at most 1.1)" % (v, ", ".join("%.3f" % x for x in tot), spread(tot)))
    print("%s/off per round without JIT compiler threads: %s; %s" % (v, ", ".join("%.3f" % x for x in nojit), spread(nojit)))
EOF
