#!/usr/bin/env bash
# Before/after of two commits in one run (issue 13's "none worse"): start-up to the first
# message, idle RSS and CPU, the audit pipeline and the aggregator pipeline, measured for both
# builds in alternating paired rounds (A B, B A, A B ...: each pair sees the same neighbours on a
# shared machine), then one table of medians and paired ratios.
#
# Usage: bench/before-after.sh [--quick] [--rounds N] [--idle-seconds N] [--audit-mb N]
#                              [--audit-warmup N] [--build-dir DIR] [--no-results] [BASE [HEAD]]
#   BASE, HEAD      commits to compare (default 2e26b9d, the last commit before issue 13's first, and HEAD)
#   --quick         2 rounds and a 20 s idle window (about 10 minutes on a loaded 2-core machine;
#                   the default 4 rounds take about 17, builds included)
#   --rounds N      paired rounds
#   --idle-seconds  idle window after start-up and a 5 s settle (default 30)
#   --audit-mb N    size of the audit log both pipelines parse (default 20)
#   --audit-warmup N  passes over it before the 5 measured ones (default 8; on a loaded 2-core
#                   machine C2 may still be compiling the pipeline then: see bench/RESULTS.md,
#                   2026-12-06 audit-speed)
#   --build-dir DIR keep the builds there (DIR/<commit>) and reuse them on the next run
#   --no-results    do not append the table to bench/RESULTS.md
#
# Each commit is exported (git archive) and built offline with
# `mvn -B -ntp -o -q package -DskipTests -pl launcher,benchmarks,collector-audit -am` (the reactor
# supplies every module: nothing is installed into ~/.m2). A round runs, for each build:
#   bench/runtime.sh (this checkout's) with that build's edgesec.jar: one start-up to the first
#     message (PT1S) and the idle window (RSS, CPU);
#   that build's own collector-audit/bench/run.sh (its ParserBench matches its classes) over one
#     log built once for both, without ausearch: records per CPU-second of the whole process.
# Then the aggregator: the JMH benchmark AggregatorThroughputBenchmark.pipeline of both
# benchmarks.jar in one JVM (bench/detector-ab.sh with bench/before-after/AggregatorRunner.java:
# a class loader per jar, 2 x ROUNDS alternating rounds, CPU time of the running thread),
# aggregation on, then off. Under JMH in separate JVMs a loaded machine left the JIT's warm-up
# unfinished in some forks and not in others (per-CPU-second figures 0.5-1.9x apart in one run).
# Ratios are cost ratios, after / before, so that above 1 is worse for every figure (for a
# throughput: before / after). The verdict says "worse" only when the median paired ratio is above
# 1.05 and no round saw the after build better; "better" likewise; otherwise "same".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BASE=2e26b9d
HEAD_REV=HEAD
ROUNDS=4
IDLE_SECONDS=30
AUDIT_MB=20
BUILD_DIR=""
WRITE_RESULTS=1
AGG_EVENTS=200000
AUDIT_WARMUP=8
AUDIT_RUNS=5
CORPUS=${EDGESEC_CORPUS:-}
for c in "$ROOT/../shared/corpus/audit" /work/shared/corpus/audit; do
    [[ -n $CORPUS || ! -d $c ]] || CORPUS=$c
done

die() { echo "before-after.sh: $*" >&2; exit 2; }
need_int() { [[ $2 =~ ^[1-9][0-9]*$ ]] || die "$1 needs a positive whole number, got '$2'"; }
POSITIONAL=()
while (($#)); do
    case $1 in
        --quick) ROUNDS=2; IDLE_SECONDS=20; shift ;;
        --rounds) need_int "$1" "${2-}"; ROUNDS=$2; shift 2 ;;
        --idle-seconds) need_int "$1" "${2-}"; IDLE_SECONDS=$2; shift 2 ;;
        --audit-mb) need_int "$1" "${2-}"; AUDIT_MB=$2; shift 2 ;;
        --audit-warmup) need_int "$1" "${2-}"; AUDIT_WARMUP=$2; shift 2 ;;
        --build-dir) [[ -n ${2-} ]] || die "--build-dir needs a folder"; BUILD_DIR=$(realpath -m "$2"); shift 2 ;;
        --no-results) WRITE_RESULTS=0; shift ;;
        -h|--help) sed -n '2,33p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) die "unknown option '$1' (see --help)" ;;
        *) POSITIONAL+=("$1"); shift ;;
    esac
done
((${#POSITIONAL[@]} <= 2)) || die "at most two commits (BASE HEAD)"
BASE=${POSITIONAL[0]:-$BASE}
HEAD_REV=${POSITIONAL[1]:-$HEAD_REV}
[[ -n $CORPUS ]] || die "no audit corpus found; set EDGESEC_CORPUS"
SHA_A=$(git -C "$ROOT" rev-parse --verify "$BASE^{commit}") || die "no commit '$BASE'"
SHA_B=$(git -C "$ROOT" rev-parse --verify "$HEAD_REV^{commit}") || die "no commit '$HEAD_REV'"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/edgesec-before-after.XXXXXX")
trap 'rm -rf -- "$TMP"' EXIT
trap 'exit 130' INT TERM
BUILD_DIR=${BUILD_DIR:-$TMP/builds}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
START=$(date -u +%Y-%m-%dT%H:%MZ)
LOAD_START=$(loadavg)

build() { # sha -> prints the build's folder; builds it unless a complete build is there
    local sha=$1 dir="$BUILD_DIR/$1"
    if [[ ! -f $dir/.built ]]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        git -C "$ROOT" archive "$sha" | tar -x -C "$dir"
        echo "building $(git -C "$ROOT" log -1 --format='%h %s' "$sha" | cut -c1-80) ..." >&2
        (cd "$dir" && mvn -B -ntp -o -q -Dstyle.color=never package -DskipTests -pl launcher,benchmarks,collector-audit -am) \
            >"$dir.build.log" 2>&1 || die "the build of $sha failed; its log: $dir.build.log"
        touch "$dir/.built"
    fi
    for f in launcher/target/edgesec.jar benchmarks/target/benchmarks.jar collector-audit/bench/run.sh; do
        [[ -f $dir/$f ]] || die "the build of $sha has no $f"
    done
    echo "$dir"
}
DIR_A=$(build "$SHA_A")
DIR_B=$(build "$SHA_B")

# ---- paired rounds ----
measure() { # side (A|B) round: one runtime.sh and one audit pipeline run of that side's build
    local side=$1 round=$2 dir rec log audit
    [[ $side == A ]] && dir=$DIR_A || dir=$DIR_B
    rec="$TMP/$side.$round.rec"
    log="$TMP/$side.$round.log"
    printf 'load %s\n' "$(cut -d' ' -f1 /proc/loadavg)" >"$rec"
    "$ROOT/bench/runtime.sh" --agent-jar "$dir/launcher/target/edgesec.jar" --skip-jmh --startup-runs 1 \
        --idle-seconds "$IDLE_SECONDS" --settle-seconds 5 --record "$rec" >"$log" 2>&1 ||
        echo "  round $round $side: runtime.sh failed (exit $?); see below" >&2
    # that commit's own pipeline bench (its ParserBench fits its classes), no ausearch beside it
    EDGESEC_BENCH_LOG="$TMP/audit.log" EDGESEC_CORPUS="$CORPUS" EDGESEC_BENCH_AUSEARCH_RUNS=0 \
        EDGESEC_BENCH_WARMUP=$AUDIT_WARMUP EDGESEC_BENCH_RUNS=$AUDIT_RUNS \
        "$dir/collector-audit/bench/run.sh" "$AUDIT_MB" >"$log.audit" 2>&1 || true
    # "edgesec pipeline (...): median of 5 runs: 812345 records/s (min ..., max ...), 901234 records per cpu-second; ..."
    audit=$(grep -o 'median of [0-9]* runs: [0-9]* records/s ([^)]*), [0-9]* records per cpu-second' "$log.audit" || true)
    if [[ -n $audit ]]; then
        read -r wall cpu < <(sed -E 's/.*runs: ([0-9]+) records\/s .*, ([0-9]+) records per.*/\1 \2/' <<<"$audit")
        printf 'audit_records_per_cpu_s %s\naudit_records_per_s %s\n' "$cpu" "$wall" >>"$rec"
    else
        echo "  round $round $side: the audit pipeline bench gave no median; its output:" >&2
        sed 's/^/    /' "$log.audit" >&2
    fi
    if ! grep -q '^startup_ms ' "$rec" || ! grep -q '^idle_rss_max_mib ' "$rec"; then
        echo "  round $round $side: runtime.sh recorded only $(cut -d' ' -f1 "$rec" | tr '\n' ' '); its output:" >&2
        sed 's/^/    /' "$log" >&2
    fi
    echo "  round $round $side: $(grep -v '^load ' "$rec" | tr '\n' ' ' | sed 's/ \([a-z]\)/, \1/g') (load $(sed -n 's/^load //p' "$rec"))"
}

echo "before-after: A = $(git -C "$ROOT" log -1 --format='%h (%cd) %s' --date=format:'%m-%d %H:%M' "$SHA_A" | cut -c1-90)"
echo "              B = $(git -C "$ROOT" log -1 --format='%h (%cd) %s' --date=format:'%m-%d %H:%M' "$SHA_B" | cut -c1-90)"
echo "$ROUNDS paired rounds, order alternating; idle window ${IDLE_SECONDS} s; audit log ${AUDIT_MB} MB, $AUDIT_WARMUP warm-up passes; aggregator $((2 * ROUNDS)) rounds of $AGG_EVENTS events"
echo "machine: $(nproc) cores, load before $LOAD_START"
for ((r = 1; r <= ROUNDS; r++)); do
    if ((r % 2)); then order="A B"; else order="B A"; fi
    for side in $order; do measure "$side" "$r"; done
done

# ---- the aggregator: both benchmarks.jar in one JVM, alternating ----
AGG_ROWS=()
for mode in on off; do
    load0=$(cut -d' ' -f1 /proc/loadavg)
    AB_RUNNER_JAVA="$ROOT/bench/before-after/AggregatorRunner.java" \
        AB_RUNNER_CLASS=io.edgesec.aggregator.internal.AggregatorRunner \
        AB_JAVA_OPTS="-Daggregation=$mode -Devents=$AGG_EVENTS" \
        "$ROOT/bench/detector-ab.sh" $((2 * ROUNDS)) "$DIR_A/benchmarks/target/benchmarks.jar" \
        "$DIR_B/benchmarks/target/benchmarks.jar" >"$TMP/agg-$mode.log" 2>&1 || true
    load1=$(cut -d' ' -f1 /proc/loadavg)
    # "benchmarks.jar  median 318,248 best ... events per CPU-second; ..." (before, then after) and
    # "paired ratio last/first per round: median 0.982 (min 0.912, max 1.314)" (throughput after/before)
    meds=$(sed -nE 's/.* median ([0-9,]+) best .*/\1/p' "$TMP/agg-$mode.log" | tr -d , | tr '\n' ' ')
    paired=$(sed -nE 's/^paired ratio .*median ([0-9.]+) \(min ([0-9.]+), max ([0-9.]+)\)/\1 \2 \3/p' "$TMP/agg-$mode.log")
    read -r med_a med_b _ <<<"$meds"
    read -r pm pmin pmax <<<"$paired"
    if [[ -z ${med_b:-} || -z ${pmax:-} ]]; then
        echo "  aggregator, aggregation $mode: no result; its output:" >&2
        sed 's/^/    /' "$TMP/agg-$mode.log" >&2
        AGG_ROWS+=("aggregator, aggregation $mode, per CPU-s (ev/CPU-s)|-|-|-|-|0|-|not measured")
        continue
    fi
    echo "  aggregator, aggregation $mode: before $med_a, after $med_b events per CPU-s; paired after/before $pm ($pmin-$pmax) (load $load0, $load1)"
    # cost ratio = before/after throughput = 1 / paired ratio
    cost=$(awk -v m="$pm" 'BEGIN { printf "%.2f", 1 / m }')
    range=$(awk -v lo="$pmin" -v hi="$pmax" 'BEGIN { printf "%.2f-%.2f", 1 / hi, 1 / lo }')
    verdict=$(awk -v m="$pm" -v lo="$pmin" -v hi="$pmax" 'BEGIN {
        if (1 / m > 1.05 && 1 / hi > 1) print "WORSE"; else if (1 / m < 0.95 && 1 / lo < 1) print "better"; else print "same" }')
    loads=$(printf '%s\n' "$load0" "$load1" | sort -g | tr '\n' - | sed 's/-$//')
    AGG_ROWS+=("aggregator JMH pipeline, aggr. $mode, per CPU-s (ev/CPU-s)|$med_a|$med_b|$cost|$range|$((2 * ROUNDS))|$loads|$verdict")
done
LOAD_END=$(loadavg)

# ---- table ----
# figure key | label | unit | lower (lower is better) or higher
FIGURES=(
    "startup_ms|start-up to first message, wall|ms|lower"
    "startup_cpu_s|start-up to first message, agent CPU|s|lower"
    "idle_rss_max_mib|idle RSS, max over the window|MiB|lower"
    "idle_rss_end_mib|idle RSS, end of the window|MiB|lower"
    "idle_cpu_pct|idle CPU|% of a core|lower"
    "audit_records_per_cpu_s|audit pipeline, records per CPU-s|rec/CPU-s|higher"
    "audit_records_per_s|audit pipeline, records per s, wall|rec/s|higher"
)
value() { awk -v k="$2" '$1 == k { print $2; exit }' "$TMP/$1.rec" 2>/dev/null || true; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ROWS=()
for fig in "${FIGURES[@]}"; do
    IFS='|' read -r key label unit better <<<"$fig"
    as="" bs="" ratios="" loads="" n=0
    for ((r = 1; r <= ROUNDS; r++)); do
        a=$(value "A.$r" "$key")
        b=$(value "B.$r" "$key")
        [[ -n $a && -n $b ]] || continue
        as+="$a"$'\n'
        bs+="$b"$'\n'
        loads+="$(value "A.$r" load)"$'\n'"$(value "B.$r" load)"$'\n'
        # cost ratio: above 1 is worse for the after build
        ratios+=$(awk -v a="$a" -v b="$b" -v w="$better" 'BEGIN { if (w == "lower") print (a > 0 ? b / a : 0); else print (b > 0 ? a / b : 0) }')$'\n'
        n=$((n + 1))
    done
    if ((n == 0)); then
        ROWS+=("$label ($unit)|-|-|-|-|0|-|not measured")
        continue
    fi
    ma=$(median <<<"${as%$'\n'}")
    mb=$(median <<<"${bs%$'\n'}")
    mr=$(median <<<"${ratios%$'\n'}")
    rmin=$(sort -g <<<"${ratios%$'\n'}" | head -1)
    rmax=$(sort -g <<<"${ratios%$'\n'}" | tail -1)
    lmin=$(sort -g <<<"${loads%$'\n'}" | head -1)
    lmax=$(sort -g <<<"${loads%$'\n'}" | tail -1)
    verdict=$(awk -v m="$mr" -v lo="$rmin" -v hi="$rmax" 'BEGIN {
        if (m > 1.05 && lo > 1) print "WORSE"; else if (m < 0.95 && hi < 1) print "better"; else print "same" }')
    ROWS+=("$label ($unit)|$(printf '%.6g' "$ma")|$(printf '%.6g' "$mb")|$(printf '%.2f' "$mr")|$(printf '%.2f-%.2f' "$rmin" "$rmax")|$n|$lmin-$lmax|$verdict")
done
ROWS+=("${AGG_ROWS[@]}")

echo
echo "== before (A $(cut -c1-7 <<<"$SHA_A")) against after (B $(cut -c1-7 <<<"$SHA_B")): medians; cost ratio after/before, above 1 is worse"
printf '%-56s | %12s | %12s | %10s | %11s | %6s | %-11s | %s\n' figure "before" "after" "cost ratio" "ratio range" rounds "load (1min)" verdict
printf '%s\n' "$(printf '%.0s-' {1..141})"
for row in "${ROWS[@]}"; do
    IFS='|' read -r f a b r rr n l v <<<"$row"
    printf '%-56s | %12s | %12s | %10s | %11s | %6s | %-11s | %s\n' "$f" "$a" "$b" "$r" "$rr" "$n" "$l" "$v"
done
echo "load before $LOAD_START, after $LOAD_END"

if ((WRITE_RESULTS)); then
    {
        echo
        echo "## $START: before/after in one run (bench/before-after.sh, $ROUNDS paired rounds)"
        echo
        echo "Before (A): \`$(git -C "$ROOT" log -1 --format='%h %s' "$SHA_A" | cut -c1-100)\`"
        echo "After (B): \`$(git -C "$ROOT" log -1 --format='%h %s' "$SHA_B" | cut -c1-100)\`"
        echo "$(nproc) cores; load average (1/5/15 min) $LOAD_START at the start, $LOAD_END at the end; idle window" \
            "${IDLE_SECONDS} s; audit log ${AUDIT_MB} MB; aggregator $((2 * ROUNDS)) rounds of $AGG_EVENTS events in one JVM. Cost ratio = after/before (for a" \
            "throughput before/after): above 1 is worse; median of the per-round ratios, with their range."
        echo
        echo "| figure | before | after | cost ratio | range | rounds | load (1 min) | verdict |"
        echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
        for row in "${ROWS[@]}"; do echo "| ${row//|/ | } |"; done
    } >>"$ROOT/bench/RESULTS.md"
    echo "appended to bench/RESULTS.md"
fi
