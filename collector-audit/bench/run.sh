#!/bin/bash
# Benchmark (not a test): records/s of the collector's pipeline on one core, side by side with
# auditd's own `ausearch --input FILE --format raw` on the same 100+ MB log in the same run, and
# the ratio. Both are pinned to the same core; ausearch runs before and after ours (the load of a
# shared machine drifts), ours warms up first (JIT) and then runs several passes. Medians are
# reported by wall clock and by CPU time (on a loaded machine the CPU time is what we really used).
# Usage: collector-audit/bench/run.sh [MEGABYTES]   (after `mvn -pl collector-audit install`)
# Environment: EDGESEC_BENCH_CPU (core, default 0), EDGESEC_BENCH_WARMUP (passes, 15),
#   EDGESEC_BENCH_RUNS (measured passes, 10), EDGESEC_BENCH_AUSEARCH_RUNS (before and after, 3 each),
#   EDGESEC_BENCH_LOG (keep the built log at this path and reuse it), EDGESEC_CORPUS, EDGESEC_BENCH_M2,
#   EDGESEC_BENCH_CLASSES (the collector's classes to measure, default target/classes; e.g. an
#   older build for a before/after comparison in one sitting), EDGESEC_BENCH_JAVA_OPTS (more JVM
#   options for our side, split on blanks, e.g. -XX:TieredStopAtLevel=1 as scripts/run.sh runs the agent).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
module=$(dirname "$here")
repo=$(dirname "$module")
mb=${1:-110}
cpu=${EDGESEC_BENCH_CPU:-0}
warmup=${EDGESEC_BENCH_WARMUP:-15}
runs=${EDGESEC_BENCH_RUNS:-10}
theirs_runs=${EDGESEC_BENCH_AUSEARCH_RUNS:-3}
corpus=${EDGESEC_CORPUS:-$repo/../shared/corpus/audit}
api=$(ls -t "$repo"/agent-api/target/agent-api-[0-9]*.jar 2> /dev/null | grep -v -e sources -e tests | head -n 1) # the newest build
api=${api:-$repo/agent-api/target/agent-api.jar}
classes=${EDGESEC_BENCH_CLASSES:-$module/target/classes}
# the support library (UserNames): in the bundle its classes are copied in, here it is beside them
support=$repo/support/target/classes
# agent-api writes events with jackson-core (a shared bundle in the runtime): the reactor's version
# from the local Maven repository (EDGESEC_BENCH_M2, default ~/.m2/repository)
jackson_version=$(sed -n 's:.*<jackson.version>\(.*\)</jackson.version>.*:\1:p' "$repo/pom.xml" | head -n 1)
jackson=${EDGESEC_BENCH_M2:-$HOME/.m2/repository}/com/fasterxml/jackson/core/jackson-core/$jackson_version/jackson-core-$jackson_version.jar
for f in "$api" "$classes" "$support" "$jackson"; do
    [ -e "$f" ] || { echo "missing $f: build first (mvn -pl collector-audit -am install)" >&2; exit 2; }
done
work=$(mktemp -d /tmp/edgesec-audit-bench.XXXXXX)
trap 'rm -rf -- "$work"' EXIT
log=${EDGESEC_BENCH_LOG:-$work/audit.log}
if [ ! -s "$log" ]; then
    java "$here/MakeLog.java" "$corpus" "$log" "$mb" >&2
fi
records=$(wc -l < "$log")
bytes=$(stat -c %s "$log")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# one ausearch run: prints "wall-seconds cpu-seconds"
ausearch_once() {
    /usr/bin/time -f '%e %U %S' -o "$work/time" taskset -c "$cpu" ausearch --input "$log" --format raw \
        > /dev/null 2> "$work/ausearch.err" || true
    tail -n 1 "$work/time" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'
}

: > "$work/theirs"
for _ in $(seq "$theirs_runs"); do ausearch_once >> "$work/theirs"; done
read -r -a java_opts <<< "${EDGESEC_BENCH_JAVA_OPTS:-}"
ours=$(taskset -c "$cpu" java -Xmx64m -XX:+UseSerialGC "${java_opts[@]}" -cp "$classes:$support:$api:$jackson" "$here/ParserBench.java" \
    "$log" "$warmup" "$runs" 2> "$work/ours.err")
for _ in $(seq "$theirs_runs"); do ausearch_once >> "$work/theirs"; done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
theirs_wall=$(awk -v r="$records" '{ print r / $1 }' "$work/theirs" | median)
theirs_cpu=$(awk -v r="$records" '$2 > 0 { print r / $2 }' "$work/theirs" | median)
theirs_min=$(awk -v r="$records" '{ print r / $1 }' "$work/theirs" | sort -g | head -n 1)
theirs_max=$(awk -v r="$records" '{ print r / $1 }' "$work/theirs" | sort -g | tail -n 1)
read -r ours_wall ours_cpu ours_cold ours_heap <<< "$ours"

printf 'date: %s; host: %s cores; load average before %s, after %s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" \
    "$load_before" "$load_after"
printf 'log: %s MB, %s records (corpus events repeated with fresh serials)\n' "$((bytes / 1048576))" "$records"
printf 'ausearch --format raw (core %s, %s runs): median %.0f records/s (min %.0f, max %.0f); %.0f records per cpu-second\n' \
    "$cpu" "$((2 * theirs_runs))" "$theirs_wall" "$theirs_min" "$theirs_max" "$theirs_cpu"
grep '^median' "$work/ours.err" | sed "s/^/edgesec pipeline (core $cpu, -Xmx64m ${EDGESEC_BENCH_JAVA_OPTS:-}, $warmup warm-up passes): /"
printf 'ratio, median wall clock on the same core: %.1fx\n' "$(awk -v a="$ours_wall" -v b="$theirs_wall" 'BEGIN { print a / b }')"
printf 'ratio, CPU time: %.1fx\n' "$(awk -v a="$ours_cpu" -v b="$theirs_cpu" 'BEGIN { print a / b }')"
printf 'ratio, our cold first pass (JIT still compiling) vs ausearch: %.1fx\n' \
    "$(awk -v a="$ours_cold" -v b="$theirs_wall" 'BEGIN { print a / b }')"
printf 'live heap of the pipeline (after full GC, 3 points of a pass): %s MB\n' "$ours_heap"
