#!/usr/bin/env bash
# The agent in its image next to the same jar outside it, in one run:
#   start-up: container started (docker start) to its first message, highPriorityMessageFrequency
#             PT1S, goal 1 s; outside: JVM started to first message; with the CPU time the JVM
#             had used by then (all threads; read when the message is seen), which a loaded
#             machine changes much less than the wall-clock time
#   idle:     RSS (VmRSS of the JVM) and CPU over a window after settling, goal RSS 64 MiB
# Numbers with their ratio to the goal, not pass/fail. Every bundle of the launcher is installed
# in both. The engine is $DOCKER_HOST's, the image edgesec:latest (scripts/build-image.sh).
# --baseline-image IMG: an A/B run; IMG (e.g. the previous build, re-tagged) is started in every
# round right after the image, and idle next to it, with the paired ratios image/IMG.
#
# Usage: bench/container.sh [--runs N] [--settle-seconds N] [--idle-seconds N] [--image IMG] [--baseline-image IMG]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=3; SETTLE=20; IDLE=30; IMAGE=edgesec:latest; BASE=""
die() { echo "container.sh: $*" >&2; exit 2; }
while (($#)); do
  case $1 in
    --runs) [[ ${2-} =~ ^[0-9]+$ ]] || die "--runs needs a number"; RUNS=$2; shift 2 ;;
    --settle-seconds) [[ ${2-} =~ ^[0-9]+$ ]] || die "--settle-seconds needs a number"; SETTLE=$2; shift 2 ;;
    --idle-seconds) [[ ${2-} =~ ^[0-9]+$ ]] || die "--idle-seconds needs a number"; IDLE=$2; shift 2 ;;
    --image) [[ -n ${2-} ]] || die "--image needs a name"; IMAGE=$2; shift 2 ;;
    --baseline-image) [[ -n ${2-} ]] || die "--baseline-image needs a name"; BASE=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1'" ;;
  esac
done
docker image inspect "$IMAGE" > /dev/null 2>&1 || die "no $IMAGE on the engine ${DOCKER_HOST:-(default)}: run scripts/build-image.sh"
[[ -z $BASE ]] || docker image inspect "$BASE" > /dev/null 2>&1 || die "no $BASE on the engine ${DOCKER_HOST:-(default)}"
JAR="$ROOT/launcher/target/edgesec.jar"
[[ -f $JAR ]] || die "no $JAR: mvn -DskipTests package"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/edgesec-container-bench.XXXXXX")
CONTAINERS=(); PIDS=()
cleanup() {
  local c p
  for c in "${CONTAINERS[@]}"; do docker rm -f "$c" > /dev/null 2>&1 || true; done
  for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null || true; wait "$p" 2> /dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
now_ns() { date +%s%N; }
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { local s; s=$(< "/proc/$1/stat"); s=${s##*) }; awk '{ print $12 + $13 }' <<< "$s"; }
rss_kib() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"; }
calc() { awk "BEGIN { printf \"$1\", ($2) }"; }
cp "$JAR" "$TMP/edgesec.jar"
printf '%s\n' '{"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration":{"highPriorityMessageFrequency":{"value":"PT1S"}}}' > "$TMP/config.json"
chmod 644 "$TMP/config.json"
# the image's JVM options, for the run outside (without the image's CDS archive, made for its runtime)
OPTS=(-XX:+UseSerialGC -Xss256k -XX:-UsePerfData -Xmx64m -Xms8m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30
  -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m -XX:TrimNativeHeapInterval=10000)

echo "edgesec in its image vs. the same jar outside, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "image: $IMAGE $(docker image inspect --format '{{.Id}}' "$IMAGE" | cut -c8-19), $(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{ printf "%.1f MB", $1 / 1e6 }')"
[[ -z $BASE ]] || echo "baseline: $BASE $(docker image inspect --format '{{.Id}}' "$BASE" | cut -c8-19), $(docker image inspect --format '{{.Size}}' "$BASE" | awk '{ printf "%.1f MB", $1 / 1e6 }')"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); host java: $(java -version 2>&1 | head -1)"

container() { # name [image] -> id of a created (not started) standalone container printing messages to stdout
  docker create --name "$1" --network none -v "$TMP/config.json:/etc/edgesec.json:ro" --tmpfs /var/lib/edgesec:uid=10001 \
    "${2:-$IMAGE}" --config /etc/edgesec.json
}
# one start of a container to its first message: sets W (wall ms) and C (its JVM's CPU ms, empty if not seen)
start_to_first() { # name image
  local id t0 cpid="" i f="$TMP/first-$1"
  C=""
  id=$(container "$1" "$2"); CONTAINERS+=("$id")
  t0=$(now_ns)
  docker start -a "$id" 2> /dev/null | { head -c 1 > /dev/null; now_ns > "$f"; cat > /dev/null; } &
  for ((i = 0; i < 600; i++)); do
    [[ -z $cpid ]] && { cpid=$(docker inspect --format '{{.State.Pid}}' "$id" 2> /dev/null) || true; [[ $cpid == 0 ]] && cpid=""; }
    [[ -s $f ]] && break; sleep 0.05
  done
  [[ -s $f ]] || die "container $1 ($2) sent nothing within 30 s: $(docker logs "$id" 2>&1 | tail -5)"
  [[ -n $cpid ]] && C=$(( $(cpu_ticks "$cpid") * 1000 / CLK_TCK ))
  W=$(( ($(< "$f") - t0) / 1000000 ))
  docker rm -f "$id" > /dev/null; wait || true
}

echo; echo "== start-up to first message (PT1S), $RUNS runs each"
IN=(); OUT=(); INCPU=(); OUTCPU=()
BASEW=(); BASECPU=()
for ((r = 1; r <= RUNS; r++)); do
  start_to_first "edgesec-bench-$$-$r" "$IMAGE"; IN+=("$W"); [[ -n $C ]] && INCPU+=("$C")
  if [[ -n $BASE ]]; then
    start_to_first "edgesec-bench-$$-base-$r" "$BASE"; BASEW+=("$W"); [[ -n $C ]] && BASECPU+=("$C")
  fi
  mkdir -p "$TMP/out-$r"; : > "$TMP/out-$r/out.jsonl"
  t0=$(now_ns)
  java "${OPTS[@]}" -jar "$TMP/edgesec.jar" run --config "$TMP/config.json" --output "$TMP/out-$r/out.jsonl" \
    --data-dir "$TMP/out-$r/data" > "$TMP/out-$r/log" 2>&1 & pid=$!; PIDS+=("$pid")
  for ((i = 0; i < 3000; i++)); do [[ -s $TMP/out-$r/out.jsonl ]] && break; sleep 0.01; done
  [[ -s $TMP/out-$r/out.jsonl ]] || die "run $r outside sent nothing within 30 s"
  OUT+=($(( ($(now_ns) - t0) / 1000000 )))
  OUTCPU+=($(( $(cpu_ticks "$pid") * 1000 / CLK_TCK )))
  kill "$pid"; wait "$pid" 2> /dev/null || true
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
mi=$(median "${IN[@]}"); mo=$(median "${OUT[@]}")
echo "container: ${IN[*]} ms (median $mi ms, $(calc %.2f "$mi / 1000") x the 1 s goal)"
echo "outside:   ${OUT[*]} ms (median $mo ms, $(calc %.2f "$mo / 1000") x the 1 s goal); container/outside $(calc %.2f "$mi / $mo")"
if ((${#INCPU[@]})); then
  mci=$(median "${INCPU[@]}"); mco=$(median "${OUTCPU[@]}")
  echo "CPU time used by then: container ${INCPU[*]} ms (median $mci ms, $(calc %.2f "$mci / 1000") x 1 s), outside ${OUTCPU[*]} ms (median $mco ms)"
fi
if [[ -n $BASE ]]; then
  mb=$(median "${BASEW[@]}")
  echo "baseline:  ${BASEW[*]} ms (median $mb ms, $(calc %.2f "$mb / 1000") x the 1 s goal); CPU ${BASECPU[*]} ms (median $(median "${BASECPU[@]}") ms)"
  paired() { local -n a=$1 b=$2; local i out=(); for ((i = 0; i < ${#a[@]} && i < ${#b[@]}; i++)); do out+=("$(calc %.3f "${a[i]} / ${b[i]}")"); done; echo "${out[*]}"; }
  pw=$(paired IN BASEW); pc=$(paired INCPU BASECPU)
  echo "image/baseline per round: wall $pw (median $(median $pw)), CPU $pc (median $(median $pc))"
fi
echo "load after the start-up runs: $(cut -d' ' -f1-3 /proc/loadavg)"

echo; echo "== idle: RSS and CPU ${IDLE} s after ${SETTLE} s settling"
id=$(container "edgesec-bench-$$-idle"); CONTAINERS+=("$id"); docker start "$id" > /dev/null
cpid=$(docker inspect --format '{{.State.Pid}}' "$id")
if [[ -n $BASE ]]; then
  id=$(container "edgesec-bench-$$-idle-base" "$BASE"); CONTAINERS+=("$id"); docker start "$id" > /dev/null
  bpid=$(docker inspect --format '{{.State.Pid}}' "$id")
fi
mkdir -p "$TMP/idle"
java "${OPTS[@]}" -jar "$TMP/edgesec.jar" run --config "$TMP/config.json" --output "$TMP/idle/out.jsonl" \
  --data-dir "$TMP/idle/data" > "$TMP/idle/log" 2>&1 & opid=$!; PIDS+=("$opid")
sleep "$SETTLE"   # a benchmark's settling time, not a test's wait
c0=$(cpu_ticks "$cpid"); o0=$(cpu_ticks "$opid"); [[ -z $BASE ]] || b0=$(cpu_ticks "$bpid")
sleep "$IDLE"
c1=$(cpu_ticks "$cpid"); o1=$(cpu_ticks "$opid")
rc=$(rss_kib "$cpid"); ro=$(rss_kib "$opid")
if [[ -n $BASE ]]; then
  rb=$(rss_kib "$bpid"); b1=$(cpu_ticks "$bpid")
  echo "baseline:  RSS $(calc %.1f "$rb / 1024") MiB ($(calc %.2f "$rb / 1024 / 64") x 64 MiB), CPU $(calc %.2f "100 * ($b1 - $b0) / $CLK_TCK / $IDLE") % of a core, $(ls /proc/"$bpid"/task | wc -l) threads; image/baseline RSS $(calc %.3f "$rc / $rb")"
fi
echo "container: RSS $(calc %.1f "$rc / 1024") MiB ($(calc %.2f "$rc / 1024 / 64") x 64 MiB), CPU $(calc %.2f "100 * ($c1 - $c0) / $CLK_TCK / $IDLE") % of a core, $(ls /proc/"$cpid"/task | wc -l) threads"
echo "outside:   RSS $(calc %.1f "$ro / 1024") MiB ($(calc %.2f "$ro / 1024 / 64") x 64 MiB), CPU $(calc %.2f "100 * ($o1 - $o0) / $CLK_TCK / $IDLE") % of a core, $(ls /proc/"$opid"/task | wc -l) threads"
echo "container/outside RSS $(calc %.2f "$rc / $ro")"
