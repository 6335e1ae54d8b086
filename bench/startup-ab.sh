#!/usr/bin/env bash
# Start-up A/B of two agent jars laid out as the image runs its own (no Docker needed): each jar
# with its bundles unpacked (edgesec unpack-bundles, installed by reference), a dynamic CDS archive
# from a 4 s training run as the Dockerfile makes it, and the image's JVM options
# (scripts/edgesec-container.sh) on this machine's java. Then, in paired rounds that alternate
# which jar goes first:
#   start-up: JVM started to its first message (highPriorityMessageFrequency PT1S), goal 1 s,
#             with the CPU time the JVM had used by then (all threads)
#   idle:     both agents side by side, RSS (VmRSS) after --idle-seconds, goal 64 MiB
# Medians, the paired ratios B/A and the load average; numbers, not pass/fail.
#
# Usage: bench/startup-ab.sh [--rounds N] [--idle-seconds N] [--a-training-metrics] JAR_A JAR_B
#   --a-training-metrics  A's training run serves metrics too (B's always does, as the Dockerfile
#                         now trains; main before 2026-12-06 did not: its archive lacked them)
# Every process it starts is stopped by its pid; its temporary directory is removed on exit.
set -euo pipefail
ROUNDS=10; IDLE=60; A_METRICS=0
die() { echo "startup-ab.sh: $*" >&2; exit 2; }
while (($#)); do
  case $1 in
    --rounds) [[ ${2-} =~ ^[0-9]+$ ]] || die "--rounds needs a number"; ROUNDS=$2; shift 2 ;;
    --idle-seconds) [[ ${2-} =~ ^[0-9]+$ ]] || die "--idle-seconds needs a number"; IDLE=$2; shift 2 ;;
    --a-training-metrics) A_METRICS=1; shift ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$1'" ;;
    *) break ;;
  esac
done
(($# == 2)) && [[ -f $1 && -f $2 ]] || die "two agent jars needed (see --help)"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/edgesec-startup-ab.XXXXXX")
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null || true; wait "$p" 2> /dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
CLK_TCK=$(getconf CLK_TCK)
now_ns() { date +%s%N; }
cpu_ms() { local s; s=$(< "/proc/$1/stat"); s=${s##*) }; awk -v hz="$CLK_TCK" '{ print int(($12 + $13) * 1000 / hz) }' <<< "$s"; }
rss_kib() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
calc() { awk "BEGIN { printf \"$1\", ($2) }"; }
# the image's options (scripts/edgesec-container.sh), the archive added per jar
OPTS=(-XX:+UseSerialGC -Xss256k -XX:-UsePerfData -Xshare:auto -Xmx64m -Xms8m -XX:MinHeapFreeRatio=10
  -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m -XX:TrimNativeHeapInterval=10000)
export MALLOC_ARENA_MAX=2

config() { # dir -> a configuration with PT1S and the audit collector's state under dir
  printf '{"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration":{"highPriorityMessageFrequency":{"value":"PT1S"}},"edgesec":{"io.edgesec.collector.audit":{"stateDirectory":"%s"}}}\n' \
    "$1/audit" > "$1/config.json"
}
prepare() { # jar dir metrics(0/1): lay the jar out as the image does
  local d=$2 pid
  mkdir -p "$d/train"
  cp "$1" "$d/edgesec.jar"
  java -jar "$d/edgesec.jar" unpack-bundles "$d/bundles" > /dev/null
  config "$d/train"
  EDGESEC_METRICS_PORT=$([[ $3 == 1 ]] && echo $((20000 + RANDOM % 10000)) || echo "") \
    java "${OPTS[@]}" -XX:ArchiveClassesAtExit="$d/edgesec.jsa" -XX:-ClassUnloading -Dedgesec.bundles.dir="$d/bundles" \
    -jar "$d/edgesec.jar" run --duration 4 --config "$d/train/config.json" --output "$d/train/out.jsonl" \
    --data-dir "$d/train/data" > "$d/train.log" 2>&1 & pid=$!
  PIDS+=("$pid"); wait "$pid" || die "training run of $1 failed: $(tail -5 "$d/train.log")"
  [[ -s $d/edgesec.jsa ]] || die "no CDS archive from the training run of $1"
  rm -rf "$d/train"
}
start() { # dir rundir -> pid of an agent started with its metrics on a free-ish port
  mkdir -p "$2"; config "$2"
  EDGESEC_METRICS_PORT=$((30000 + RANDOM % 10000)) java "${OPTS[@]}" -XX:SharedArchiveFile="$1/edgesec.jsa" \
    -Dedgesec.bundles.dir="$1/bundles" -jar "$1/edgesec.jar" run --config "$2/config.json" --output "$2/out.jsonl" \
    --data-dir "$2/data" > "$2/log" 2>&1 &
  STARTED=$!; PIDS+=("$STARTED")
}
stop() { kill -TERM "$1" 2> /dev/null || true; wait "$1" 2> /dev/null || true; }
first_message() { # dir -> "wall_ms cpu_ms"
  local r="$TMP/run" t0 pid
  rm -rf "$r"; t0=$(now_ns); start "$1" "$r"; pid=$STARTED
  while ! { [[ -s $r/out.jsonl ]] && IFS= read -r _ < "$r/out.jsonl"; }; do
    kill -0 "$pid" 2> /dev/null || { stop "$pid"; die "the agent in $1 exited before its first message: $(tail -5 "$r/log")"; }
    (($(now_ns) - t0 < 60000000000)) || { stop "$pid"; die "no first message from $1 within 60 s"; }
    sleep 0.005
  done
  echo "$((($(now_ns) - t0) / 1000000)) $(cpu_ms "$pid")"
  stop "$pid"; rm -rf "$r"
}

echo "start-up A/B, $(date -u +%Y-%m-%dT%H:%M:%SZ); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
echo "A: $1 (sha256 $(sha256sum "$1" | cut -c1-12)); B: $2 (sha256 $(sha256sum "$2" | cut -c1-12))"
prepare "$1" "$TMP/A" "$A_METRICS"
prepare "$2" "$TMP/B" 1
echo "CDS archives: A $(calc %.1f "$(stat -c %s "$TMP/A/edgesec.jsa") / 1048576") MiB, B $(calc %.1f "$(stat -c %s "$TMP/B/edgesec.jsa") / 1048576") MiB"
echo "== start-up to first message (PT1S), $ROUNDS paired rounds (wall ms / CPU ms)"
: > "$TMP/rounds"
for ((i = 1; i <= ROUNDS; i++)); do
  if ((i % 2)); then a=$(first_message "$TMP/A"); b=$(first_message "$TMP/B")
  else b=$(first_message "$TMP/B"); a=$(first_message "$TMP/A"); fi
  echo "$a $b" >> "$TMP/rounds"
  read -r aw ac bw bc <<< "$a $b"
  echo "round $i: A $aw / $ac, B $bw / $bc; B/A wall $(calc %.3f "$bw / $aw"), CPU $(calc %.3f "$bc / $ac"); load $(cut -d' ' -f1 /proc/loadavg)"
done
col() { awk -v c="$1" '{ print $c }' "$TMP/rounds" | median; }
ratio() { awk -v x="$1" -v y="$2" '{ print $x / $y }' "$TMP/rounds" | median; }
echo "A: wall median $(col 1) ms ($(calc %.2f "$(col 1) / 1000") x 1 s), CPU median $(col 2) ms"
echo "B: wall median $(col 3) ms ($(calc %.2f "$(col 3) / 1000") x 1 s), CPU median $(col 4) ms"
echo "B/A per round, median: wall $(calc %.3f "$(ratio 3 1)"), CPU $(calc %.3f "$(ratio 4 2)"); load after $(cut -d' ' -f1-3 /proc/loadavg)"

if ((IDLE > 0)); then
  echo "== idle: both agents side by side, RSS after ${IDLE} s"
  start "$TMP/A" "$TMP/idle-A"; pa=$STARTED
  start "$TMP/B" "$TMP/idle-B"; pb=$STARTED
  sleep "$IDLE"
  ra=$(rss_kib "$pa"); rb=$(rss_kib "$pb")
  echo "A: RSS $(calc %.1f "$ra / 1024") MiB ($(calc %.3f "$ra / 1024 / 64") x 64 MiB), $(ls /proc/"$pa"/task | wc -l) threads"
  echo "B: RSS $(calc %.1f "$rb / 1024") MiB ($(calc %.3f "$rb / 1024 / 64") x 64 MiB), $(ls /proc/"$pb"/task | wc -l) threads; B/A $(calc %.3f "$rb / $ra")"
  stop "$pa"; stop "$pb"
fi
