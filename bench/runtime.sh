#!/usr/bin/env bash
# Runtime benchmarks of the edgesec agent (the goals of the runtime issue):
#   (i)   start-up to first message, with highPriorityMessageFrequency PT1S   goal < 2 s
#   (ii)  RSS and CPU at idle after start-up, default configuration, -Xmx64m  goal RSS < 96 MiB
#   (iii) aggregator throughput, JMH on one thread (benchmarks module)        goal > 200,000 events/s
# and prints each number next to its goal with the ratio measured/goal. Numbers, not pass/fail:
# the exit status is 0 whenever every measurement could be taken.
#
# Usage: bench/runtime.sh [--startup-runs N] [--idle-seconds N] [--settle-seconds N]
#                         [--jvm-flag FLAG]... [--cds] [--jmh-args "ARGS"] [--skip-startup] [--skip-idle] [--skip-jmh]
#                         [--agent-jar FILE] [--bench-jar FILE] [--record FILE]
#   --jvm-flag FLAG   extra JVM option for the agent runs (repeatable), e.g. --jvm-flag -XX:+UseSerialGC
#   --agent-jar FILE  measure this agent jar instead of launcher/target/edgesec.jar (for experiments)
#   --bench-jar FILE  run JMH from this jar instead of benchmarks/target/benchmarks.jar
#   --record FILE     also append each figure to FILE as "key value" lines (bench/before-after.sh reads them)
# Environment: JMH_JAVA_OPTS, options of the JVM that runs JMH (split on blanks), e.g.
#   -Djmh.ignoreLock=true to run beside another JMH run (JMH holds /tmp/jmh.lock machine-wide)
#   --cds             first a training run of the agent dumps a dynamic CDS archive
#                     (-XX:ArchiveClassesAtExit); the measured runs then use it (-XX:SharedArchiveFile)
#   --jmh-args ARGS   JMH options, split on blanks (default: -wi 2 -i 3 -f 1 -t 1 -p spool=off; one spool
#                     value at a time: the cpu-normalized line names only the aggregation)
#
# Builds only what is missing: launcher/target/edgesec.jar (mvn -DskipTests install at the root)
# and benchmarks/target/benchmarks.jar (mvn package in benchmarks/). Every process it starts is
# stopped by its pid; its temporary directory is removed on exit.
set -euo pipefail
shopt -s extglob

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
AGENT_JAR="$ROOT/launcher/target/edgesec.jar"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
JAVA_BIN=${JAVA_BIN:-java}
HEAP=-Xmx64m

STARTUP_RUNS=3
IDLE_SECONDS=60
SETTLE_SECONDS=5
JMH_ARGS=(-wi 2 -i 3 -f 1 -t 1 -p spool=off)
RECORD=""
JVM_FLAGS=()
DO_STARTUP=1
DO_IDLE=1
DO_JMH=1
DO_CDS=0

GOAL_STARTUP_MS=2000
GOAL_RSS_MIB=96
GOAL_EVENTS_PER_S=200000

die() { echo "runtime.sh: $*" >&2; exit 2; }
need_int() { [[ $2 =~ ^[0-9]+$ ]] || die "$1 needs a whole number, got '$2'"; }

while (($#)); do
    case $1 in
        --startup-runs) need_int "$1" "${2-}"; STARTUP_RUNS=$2; shift 2 ;;
        --idle-seconds) need_int "$1" "${2-}"; IDLE_SECONDS=$2; shift 2 ;;
        --settle-seconds) need_int "$1" "${2-}"; SETTLE_SECONDS=$2; shift 2 ;;
        --jvm-flag)
            [[ ${2-} =~ ^-[A-Za-z0-9:+=._/,-]+$ ]] || die "--jvm-flag: '${2-}' does not look like a JVM option"
            JVM_FLAGS+=("$2"); shift 2 ;;
        --jmh-args) read -r -a JMH_ARGS <<<"${2-}"; shift 2 ;;
        --cds) DO_CDS=1; shift ;;
        --agent-jar) [[ -f ${2-} ]] || die "--agent-jar: '${2-}' is not a file"; AGENT_JAR=$(realpath "$2"); shift 2 ;;
        --bench-jar) [[ -f ${2-} ]] || die "--bench-jar: '${2-}' is not a file"; BENCH_JAR=$(realpath "$2"); shift 2 ;;
        --record) [[ -n ${2-} ]] || die "--record needs a file"; RECORD=$2; shift 2 ;;
        --skip-startup) DO_STARTUP=0; shift ;;
        --skip-idle) DO_IDLE=0; shift ;;
        --skip-jmh) DO_JMH=0; shift ;;
        -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done

# ---- state and clean-up ----
TMP=$(mktemp -d "${TMPDIR:-/tmp}/edgesec-bench.XXXXXX")
[[ $TMP =~ ^[A-Za-z0-9._/-]+$ ]] || die "temporary directory '$TMP' has characters this script will not put in JSON"
STARTED=()   # pids of every process this script started

STOP_RC=""
stop_pid() { # pid, seconds to wait after SIGTERM; sets STOP_RC to its exit status; SIGKILL only if needed
    local pid=$1 wait_s=$2 i rc=0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < wait_s * 20; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "runtime.sh: pid $pid did not exit ${wait_s}s after SIGTERM; sending SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || rc=$?
    STOP_RC=$rc
}

cleanup() {
    local pid
    for pid in "${STARTED[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            stop_pid "$pid" 10
        fi
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ns() { date +%s%N; }
ms_since() { echo $((($(now_ns) - $1) / 1000000)); }
calc() { awk -v fmt="$1" "BEGIN { printf fmt, ($2) }"; }   # $2: an expression of this script's own numbers
CLK_TCK=$(getconf CLK_TCK)

# Machine-wide CPU busy time (all cores, in ticks) from /proc/stat, and load, to show what else ran.
cpu_busy_total() { awk '/^cpu / { idle = $5 + $6; tot = 0; for (i = 2; i <= NF; i++) tot += $i; print tot - idle, tot; exit }' /proc/stat; }
loadavg() { cut -d' ' -f1-4 /proc/loadavg; }
machine_busy_pct() { # "busy0 total0" "busy1 total1" -> % of all cores busy in between
    local b0 t0 b1 t1
    read -r b0 t0 <<<"$1"
    read -r b1 t1 <<<"$2"
    calc "%.0f" "($t1 - $t0) > 0 ? 100 * ($b1 - $b0) / ($t1 - $t0) : 0"
}

proc_cpu_ticks() { # utime + stime of a pid (fields 14 and 15, counted after the ")" of comm)
    local stat
    stat=$(<"/proc/$1/stat") || return 1
    stat=${stat##*\) }
    awk '{ print $12 + $13 }' <<<"$stat"
}
thread_ticks() { # per thread of a pid: "name|ticks", names without their number (C2 CompilerThre, edgesec-collect ...)
    local t stat name
    for t in /proc/"$1"/task/*; do
        stat=$(cat "$t/stat" 2>/dev/null) || continue   # the thread may have ended meanwhile
        name=${stat#*\(}
        name=${name%%\)*}
        stat=${stat##*\) }
        printf '%s|%s\n' "${name%%[#-]*([0-9])}" "$(awk '{ print $12 + $13 }' <<<"$stat")"
    done
}
group_ticks() { # "name|ticks" lines -> "name ticks, ..." summed by name, largest first
    awk -F'|' '{ a[$1] += $2 } END { for (k in a) if (a[k] > 0) print a[k] "|" k }' | sort -t'|' -k1,1nr |
        awk -F'|' -v hz="$CLK_TCK" '{ printf "%s%s %.2f s", (NR > 1 ? ", " : ""), $2, $1 / hz }'
}
proc_status_kb() { awk -v k="$2:" '$1 == k { print $2; exit }' "/proc/$1/status"; }

record() { # key value: one figure for --record's file
    [[ -z $RECORD ]] || printf '%s %s\n' "$1" "$2" >>"$RECORD"
}

first_line_complete() { IFS= read -r _ <"$1" 2>/dev/null; }   # true once the file holds a whole line

# ---- build what is missing ----
if [[ ! -f $AGENT_JAR ]]; then
    echo "building the agent (launcher/target/edgesec.jar is missing) ..."
    (cd "$ROOT" && mvn -B -q -DskipTests install)
fi
if ((DO_JMH)) && [[ ! -f $BENCH_JAR ]]; then
    echo "building the benchmarks (benchmarks/target/benchmarks.jar is missing) ..."
    (cd "$ROOT/benchmarks" && mvn -B -q package)
fi

# Run copies: others may rebuild the originals while this runs (edgesec.jar finds its bundles
# inside itself, so a copy runs the same).
cp "$AGENT_JAR" "$TMP/edgesec.jar"
AGENT_JAR_ORIGINAL=$AGENT_JAR
AGENT_JAR="$TMP/edgesec.jar"
if ((DO_JMH)); then
    cp "$BENCH_JAR" "$TMP/benchmarks.jar"
    BENCH_JAR="$TMP/benchmarks.jar"
fi

echo "edgesec runtime benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "agent: $AGENT_JAR_ORIGINAL ($(stat -c %y "$AGENT_JAR_ORIGINAL" | cut -d. -f1), sha256 $(sha256sum "$AGENT_JAR" | cut -c1-12)); repo at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "machine: $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
echo "java: $("$JAVA_BIN" -version 2>&1 | head -1)"
echo "agent JVM options: $HEAP ${JVM_FLAGS[*]}${MALLOC_ARENA_MAX:+ (environment MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX)}"
echo "load before: $(loadavg)  (1/5/15-min load average, running/total tasks)"
echo

RESULT_ROWS=()   # "metric|measured|goal|ratio|note"

if ((DO_CDS)); then
    echo "== CDS: training run (8 s) dumping a dynamic archive of the classes the agent loads"
    mkdir -p "$TMP/cds-train"
    printf '%s\n' '{"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration":{"highPriorityMessageFrequency":{"value":"PT1S"}}}' >"$TMP/cds-train/config.json"
    "$JAVA_BIN" -XX:ArchiveClassesAtExit="$TMP/agent.jsa" "$HEAP" "${JVM_FLAGS[@]}" -jar "$AGENT_JAR" run \
        --config "$TMP/cds-train/config.json" --output "$TMP/cds-train/out.jsonl" --data-dir "$TMP/cds-train/data" \
        --duration 8 >"$TMP/cds-train/agent.log" 2>&1 &
    pid=$!
    STARTED+=("$pid")
    wait "$pid" || true
    [[ -f $TMP/agent.jsa ]] || die "the CDS training run wrote no archive; its log: $TMP/cds-train/agent.log"
    echo "  archive: $(($(stat -c %s "$TMP/agent.jsa") / 1048576)) MiB; $(grep -c 'Skipping' "$TMP/cds-train/agent.log" || true) classes skipped by the dump"
    rm -rf "$TMP/cds-train"
    JVM_FLAGS+=("-XX:SharedArchiveFile=$TMP/agent.jsa")
    echo "agent JVM options now: $HEAP ${JVM_FLAGS[*]}"
    echo
fi

# ---- (i) start-up to first message ----
if ((DO_STARTUP)); then
    echo "== (i) start-up to first message (highPriorityMessageFrequency PT1S), $STARTUP_RUNS runs"
    CFG="$TMP/startup-config.json"
    printf '%s\n' '{"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration":{"highPriorityMessageFrequency":{"value":"PT1S"}}}' >"$CFG"
    STARTUP_MS=()
    for ((run = 1; run <= STARTUP_RUNS; run++)); do
        dir="$TMP/startup-$run"
        mkdir -p "$dir"
        busy0=$(cpu_busy_total)
        t0=$(now_ns)
        "$JAVA_BIN" "$HEAP" "${JVM_FLAGS[@]}" -jar "$AGENT_JAR" run --config "$CFG" --output "$dir/out.jsonl" \
            --data-dir "$dir/data" >"$dir/agent.log" 2>&1 &
        pid=$!
        STARTED+=("$pid")
        running_ms=""
        first_ms=""
        while :; do
            if [[ -z $running_ms ]] && grep -q ' running in ' "$dir/agent.log" 2>/dev/null; then
                running_ms=$(ms_since "$t0")
            fi
            if [[ -s $dir/out.jsonl ]] && first_line_complete "$dir/out.jsonl"; then
                first_ms=$(ms_since "$t0")
                break
            fi
            if ! kill -0 "$pid" 2>/dev/null; then
                echo "  run $run: the agent exited before its first message; its log:" >&2
                sed 's/^/    /' "$dir/agent.log" >&2
                break
            fi
            if (($(ms_since "$t0") > 60000)); then
                echo "  run $run: no message within 60 s" >&2
                break
            fi
            sleep 0.01
        done
        busy1=$(cpu_busy_total)
        if [[ -n $running_ms ]]; then running_txt="at $running_ms ms"; else running_txt="only after it"; fi
        cpu_ticks=$(proc_cpu_ticks "$pid" 2>/dev/null || echo 0)
        by_thread=$(thread_ticks "$pid" 2>/dev/null | group_ticks || true)
        stop_t0=$(now_ns)
        stop_pid "$pid" 30
        rc=$STOP_RC
        stop_ms=$(ms_since "$stop_t0")
        first_event=$(head -c 4000 "$dir/out.jsonl" 2>/dev/null | grep -o '"Name":"[A-Za-z]*"' | head -1 || true)
        echo "  run $run: first message at ${first_ms:-none} ms (agent logged 'running' $running_txt; first event ${first_event:-?});" \
            "agent CPU until then $(calc "%.2f" "$cpu_ticks / $CLK_TCK") s; machine busy $(machine_busy_pct "$busy0" "$busy1")% of $(nproc) cores;" \
            "SIGTERM -> exit $rc in $stop_ms ms"
        echo "         agent CPU by thread until the first message: $by_thread"
        if [[ -n $first_ms ]]; then
            STARTUP_MS+=("$first_ms")
            record startup_ms "$first_ms"
            record startup_cpu_s "$(calc "%.2f" "$cpu_ticks / $CLK_TCK")"
        fi
        rm -rf "$dir"
    done
    if ((${#STARTUP_MS[@]})); then
        sorted=$(printf '%s\n' "${STARTUP_MS[@]}" | sort -n)
        median=$(awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }' <<<"$sorted")
        minv=$(head -1 <<<"$sorted")
        maxv=$(tail -1 <<<"$sorted")
        RESULT_ROWS+=("start-up to first message (median of ${#STARTUP_MS[@]})|$median ms (min $minv, max $maxv)|< $GOAL_STARTUP_MS ms|$(calc "%.2f" "$median / $GOAL_STARTUP_MS")|lower is better")
    else
        RESULT_ROWS+=("start-up to first message|not measured|< $GOAL_STARTUP_MS ms|-|every run failed")
    fi
    echo "  load: $(loadavg)"
    echo
fi

# ---- (ii) idle RSS and CPU ----
if ((DO_IDLE)); then
    echo "== (ii) idle RSS and CPU: default configuration, $HEAP, ${SETTLE_SECONDS} s settle + ${IDLE_SECONDS} s window"
    dir="$TMP/idle"
    mkdir -p "$dir"
    # Default configuration; only the audit collector's state directory moves into this run's
    # temporary directory, so the benchmark leaves nothing behind in /var/lib/edgesec.
    printf '{"edgesec":{"io.edgesec.collector.audit":{"stateDirectory":"%s"}}}\n' "$dir/audit-state" >"$dir/config.json"
    t0=$(now_ns)
    "$JAVA_BIN" "$HEAP" "${JVM_FLAGS[@]}" -jar "$AGENT_JAR" run --config "$dir/config.json" --output "$dir/out.jsonl" \
        --data-dir "$dir/data" >"$dir/agent.log" 2>&1 &
    pid=$!
    STARTED+=("$pid")
    up_ms=""
    while kill -0 "$pid" 2>/dev/null && (($(ms_since "$t0") < 60000)); do
        if grep -q ' running in ' "$dir/agent.log"; then
            up_ms=$(ms_since "$t0")
            break
        fi
        sleep 0.02
    done
    if [[ -z $up_ms ]]; then
        echo "  the agent did not report start-up; its log:" >&2
        sed 's/^/    /' "$dir/agent.log" >&2
        RESULT_ROWS+=("idle RSS|not measured|< $GOAL_RSS_MIB MiB|-|agent did not start")
    else
        startup_ticks=$(proc_cpu_ticks "$pid")
        rss_at_up=$(proc_status_kb "$pid" VmRSS)
        sleep "$SETTLE_SECONDS"
        busy0=$(cpu_busy_total)
        w0=$(now_ns)
        ticks0=$(proc_cpu_ticks "$pid")
        thread_ticks "$pid" | sed 's/|/|-/' >"$TMP/threads0" || true
        rss_max=0
        rss_sum=0
        samples=0
        for ((s = 0; s < IDLE_SECONDS; s++)); do
            sleep 1
            kill -0 "$pid" 2>/dev/null || break
            rss=$(proc_status_kb "$pid" VmRSS)
            ((rss > rss_max)) && rss_max=$rss
            rss_sum=$((rss_sum + rss))
            samples=$((samples + 1))
        done
        ticks1=$(proc_cpu_ticks "$pid")
        thread_ticks "$pid" >"$TMP/threads1" || true
        idle_by_thread=$(cat "$TMP/threads0" "$TMP/threads1" | group_ticks)
        window_ns=$(($(now_ns) - w0))
        busy1=$(cpu_busy_total)
        rss_end=$(proc_status_kb "$pid" VmRSS)
        hwm=$(proc_status_kb "$pid" VmHWM)
        rss_anon=$(proc_status_kb "$pid" RssAnon)
        rss_file=$(proc_status_kb "$pid" RssFile)
        threads=$(proc_status_kb "$pid" Threads)
        cpu_pct=$(calc "%.2f" "100 * ($ticks1 - $ticks0) / $CLK_TCK / ($window_ns / 1e9)")
        lines_idle=0
        [[ -f $dir/out.jsonl ]] && lines_idle=$(wc -l <"$dir/out.jsonl")
        stop_t0=$(now_ns)
        stop_pid "$pid" 30
        rc=$STOP_RC
        stop_ms=$(ms_since "$stop_t0")
        exited=$(kill -0 "$pid" 2>/dev/null && echo "still running" || echo "exited")
        mib() { calc "%.1f" "$1 / 1024"; }
        echo "  start-up: ${up_ms} ms to 'running', $(calc "%.2f" "$startup_ticks / $CLK_TCK") s CPU, RSS $(mib "$rss_at_up") MiB"
        echo "  idle window: $samples samples over $(calc "%.1f" "$window_ns / 1e9") s: RSS max $(mib "$rss_max") MiB," \
            "mean $(calc "%.1f" "$rss_sum / ($samples > 0 ? $samples : 1) / 1024") MiB, at end $(mib "$rss_end") MiB;" \
            "peak over the whole run (VmHWM) $(mib "$hwm") MiB; $threads threads"
        echo "  RSS at end: anonymous $(mib "$rss_anon") MiB (heap, GC, metaspace, code, stacks, malloc), file-backed $(mib "$rss_file") MiB (jars, CDS archive, libjvm)"
        echo "  idle CPU: $((ticks1 - ticks0)) ticks = ${cpu_pct}% of one core; machine busy $(machine_busy_pct "$busy0" "$busy1")% of $(nproc) cores meanwhile"
        echo "  idle CPU by thread: $idle_by_thread"
        lines_end=0
        [[ -f $dir/out.jsonl ]] && lines_end=$(wc -l <"$dir/out.jsonl")
        echo "  messages written: $lines_idle until the end of the idle window (default cycles: High PT7M, Low PT5H), $lines_end after the flush on stop"
        echo "  SIGTERM -> $exited with status $rc in $stop_ms ms (143 = terminated by SIGTERM after the shutdown hook)"
        record idle_rss_max_mib "$(mib "$rss_max")"
        record idle_rss_end_mib "$(mib "$rss_end")"
        record idle_cpu_pct "$cpu_pct"
        RESULT_ROWS+=("idle RSS, max over ${IDLE_SECONDS} s|$(mib "$rss_max") MiB (end $(mib "$rss_end"), VmHWM $(mib "$hwm"))|< $GOAL_RSS_MIB MiB|$(calc "%.2f" "$rss_max / 1024 / $GOAL_RSS_MIB")|lower is better")
        RESULT_ROWS+=("idle CPU|${cpu_pct}% of one core|(none set)|-|reported only")
        RESULT_ROWS+=("stop on SIGTERM|$exited, status $rc, $stop_ms ms|exits|-|")
    fi
    rm -rf "$dir"
    echo "  load: $(loadavg)"
    echo
fi

# ---- (iii) aggregator throughput (JMH) ----
if ((DO_JMH)); then
    echo "== (iii) aggregator throughput: JMH AggregatorThroughputBenchmark.pipeline ${JMH_ARGS[*]}"
    busy0=$(cpu_busy_total)
    read -r -a jmh_java_opts <<<"${JMH_JAVA_OPTS:-}"
    if "$JAVA_BIN" "${jmh_java_opts[@]}" -jar "$BENCH_JAR" 'AggregatorThroughputBenchmark\.pipeline' "${JMH_ARGS[@]}" \
        -rf csv -rff "$TMP/jmh.csv" >"$TMP/jmh.log" 2>&1; then
        busy1=$(cpu_busy_total)
        grep -E '^\[pipeline' "$TMP/jmh.log" | sed 's/^/  /'
        # "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: aggregation","Param: spool"
        while IFS=, read -r _ _ _ _ score error _ param _; do
            param=${param//[$'"\r']/}   # JMH writes CRLF and quotes
            [[ $param =~ ^[a-z]+$ ]] || continue
            cpu=$(awk -v p="[pipeline aggregation=$param]" 'index($0, p " cpu-normalized") == 1 { print $4 }' "$TMP/jmh.log")
            printf '  aggregation %-3s: %.0f events/s (JMH score, wall time, +- %.0f); %s events per CPU-second of the benchmark thread\n' \
                "$param" "$score" "$error" "${cpu:-?}"
            record "aggregator_${param}_events_per_s" "$(calc "%.0f" "$score")"
            [[ -n $cpu ]] && record "aggregator_${param}_events_per_cpu_s" "$cpu"
            RESULT_ROWS+=("aggregator, aggregation $param (JMH, wall)|$(calc "%.0f" "$score") events/s|> $GOAL_EVENTS_PER_S events/s|$(calc "%.2f" "$score / $GOAL_EVENTS_PER_S")|higher is better")
            [[ -n $cpu ]] && RESULT_ROWS+=("aggregator, aggregation $param (per CPU-s)|$cpu events/s|> $GOAL_EVENTS_PER_S events/s|$(calc "%.2f" "$cpu / $GOAL_EVENTS_PER_S")|higher is better; benchmark thread CPU time only")
        done < <(tail -n +2 "$TMP/jmh.csv")
        echo "  machine busy $(machine_busy_pct "$busy0" "$busy1")% of $(nproc) cores during the run"
    else
        echo "  JMH failed; its output:" >&2
        sed 's/^/    /' "$TMP/jmh.log" >&2
        RESULT_ROWS+=("aggregator throughput|not measured|> $GOAL_EVENTS_PER_S events/s|-|JMH failed")
    fi
    echo "  load: $(loadavg)"
    echo
fi

# ---- summary ----
echo "== summary (ratio = measured / goal)"
printf '%-46s | %-44s | %-20s | %-5s | %s\n' "metric" "measured" "goal" "ratio" "note"
printf '%s\n' "$(printf '%.0s-' {1..140})"
for row in "${RESULT_ROWS[@]}"; do
    IFS='|' read -r m v g r n <<<"$row"
    printf '%-46s | %-44s | %-20s | %-5s | %s\n' "$m" "$v" "$g" "$r" "$n"
done
echo "load after: $(loadavg)"
