#!/usr/bin/env bash
# Where one container start's time to the first message goes, start by start, to explain the
# spread that bench/container.sh's medians hide. For each start of each image (rounds alternate
# which image starts first):
#   wall     `docker start` called to the first byte of the first message (as bench/container.sh)
#   docker   `docker start` called to the container's init process forked by runc (its
#            /proc start time, 10 ms ticks): the CLI, dockerd, containerd, runc create
#   started  `docker start` called to the container's start as dockerd records it (StartedAt:
#            runc start returned, the entrypoint exec'd)
#   prejvm   the init's fork to the thread the `java` launcher creates the JVM in ("before the
#            JVM" of the agent's start-up line: runc's set-up, runc create to runc start through
#            containerd, the entrypoint script, exec of java, loading libjvm)
#   jvm      the rest: the JVM's own start, the launcher, the bundles, the first collections
#   cpu      the container's CPU time when the first message is seen (cpuacct, all its threads)
#   engine   CPU time of the engine for this start (dockerd and its containerd over the same
#            wall time, the container's shim with the runc calls it waited for, the `docker`
#            CLI): part of "others"
#   others   CPU time the rest of the machine used over the same wall time (/proc/stat, all
#            cores, minus the container's): what the agent competed with on the 2 cores
#   steal    the hypervisor's steal time over it
# then the agent's start-up line (its phases) and, with --java-tool-options, whatever those
# options log (e.g. -Xlog:cds). Builds nothing; the engine is $DOCKER_HOST's (cgroupfs driver,
# cgroup v1 or v2). Prints one row per start, the medians per image and the paired ratios.
#
# Usage: bench/container-startup-parts.sh [--runs N] [--image IMG] [--baseline-image IMG]
#                                         [--java-tool-options STR] [--keep-logs DIR] [--threads]
# --threads: each of the JVM's threads' CPU time at the first message (by name, numbers folded)
set -euo pipefail
RUNS=10; IMAGE=edgesec:latest; BASE=""; JTO=""; KEEP=""; THREADS=""
die() { echo "container-startup-parts.sh: $*" >&2; exit 2; }
while (($#)); do
  case $1 in
    --runs) [[ ${2-} =~ ^[0-9]+$ ]] || die "--runs needs a number"; RUNS=$2; shift 2 ;;
    --image) [[ -n ${2-} ]] || die "--image needs a name"; IMAGE=$2; shift 2 ;;
    --baseline-image) [[ -n ${2-} ]] || die "--baseline-image needs a name"; BASE=$2; shift 2 ;;
    --java-tool-options) JTO=${2-}; shift 2 ;;
    --threads) THREADS=yes; shift ;;
    --keep-logs) [[ -n ${2-} ]] || die "--keep-logs needs a directory"; KEEP=$2; mkdir -p "$KEEP"; shift 2 ;;
    -h|--help) sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1'" ;;
  esac
done
for img in "$IMAGE" ${BASE:+"$BASE"}; do
  docker image inspect "$img" > /dev/null 2>&1 || die "no $img on the engine ${DOCKER_HOST:-(default)}"
done
TMP=$(mktemp -d "${TMPDIR:-/tmp}/edgesec-startup-parts.XXXXXX")
CONTAINERS=()
cleanup() {
  local c
  for c in "${CONTAINERS[@]}"; do docker rm -f "$c" > /dev/null 2>&1 || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
printf '%s\n' '{"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration":{"highPriorityMessageFrequency":{"value":"PT1S"}}}' > "$TMP/config.json"
chmod 644 "$TMP/config.json"
now_ns() { date +%s%N; }
# ms since boot, as /proc's start times count (10 ms resolution)
up_ms() { local u rest; read -r u rest < /proc/uptime; echo $(( 10#${u/./} * 10 )); }
# busy and steal ticks of all cores
cpu_ticks_all() { local l; read -r l < /proc/stat; awk '{ print $2 + $3 + $4 + $7 + $8 + $9, $9 }' <<< "$l"; }
CLK_TCK=$(getconf CLK_TCK)
# the engine's daemons: the dockerd serving $DOCKER_HOST (the default socket if unset) and its containerd
sock=${DOCKER_HOST:-unix:///var/run/docker.sock}; sock=${sock#unix://}
DOCKERD=""; CONTAINERD=""
for p in $(pgrep -x dockerd || true); do
  if tr '\0' ' ' < "/proc/$p/cmdline" | grep -q -- "$sock"; then DOCKERD=$p; fi
done
[[ -z $DOCKERD ]] || CONTAINERD=$(pgrep -x -P "$DOCKERD" containerd || true)
# a process's CPU ticks, with its reaped children's (the shim's runc calls); 0 if gone
ticks_with_children() { local s; s=$(< "/proc/$1/stat") 2> /dev/null || { echo 0; return; }; s=${s##*) }; awk '{ print $12 + $13 + $14 + $15 }' <<< "$s"; }
engine_ticks() { local t=0 p; for p in $DOCKERD $CONTAINERD; do t=$((t + $(ticks_with_children "$p"))); done; echo "$t"; }

echo "container start-up, part by part, $(date -u +%Y-%m-%dT%H:%M:%SZ); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "images: $IMAGE${BASE:+ and $BASE}${JTO:+; JAVA_TOOL_OPTIONS=$JTO}"
printf '%-22s %5s %6s %6s %7s %6s %5s %6s %6s %6s %5s  %s\n' image round wall docker started prejvm jvm cpu engine others steal "start-up line (phases)"

one() { # image round order
  local img=$1 r=$2 name id t0 started e0 e1 engine u0 f="$TMP/first" err="$TMP/err" cg cpid i line prejvm pstart u1 cpu b0 s0 b1 s1 wall docker jvm others steal
  name="parts-$$-$r-${img//[^a-z0-9]/_}"
  id=$(docker create --name "$name" --network none -v "$TMP/config.json:/etc/edgesec.json:ro" \
    --tmpfs /var/lib/edgesec:uid=10001 ${JTO:+-e "JAVA_TOOL_OPTIONS=$JTO"} -e EDGESEC_LOG_LEVEL=INFO \
    "$img" --config /etc/edgesec.json)
  CONTAINERS+=("$id")
  rm -f "$f"; : > "$err"
  read -r b0 s0 < <(cpu_ticks_all); e0=$(engine_ticks)
  t0=$(now_ns); u0=$(up_ms)
  docker start -a "$id" 2> "$err" | { head -c 1 > /dev/null; now_ns > "$f"; cat > /dev/null; } &
  for ((i = 0; i < 3000; i++)); do [[ -s $f ]] && break; sleep 0.01; done
  [[ -s $f ]] || die "$img sent nothing within 30 s: $(tail -5 "$err")"
  cg=/sys/fs/cgroup/cpuacct/docker/$id
  if [[ -f $cg/cpuacct.usage ]]; then cpu=$(( $(< "$cg/cpuacct.usage") / 1000000 ))
  elif cg=/sys/fs/cgroup/docker/$id; [[ -f $cg/cpu.stat ]]; then cpu=$(( $(awk '$1 == "usage_usec" { print $2 }' "$cg/cpu.stat") / 1000 ))
  else die "no cgroup of container $id under /sys/fs/cgroup (cgroupfs driver expected)"; fi
  if [[ -n $THREADS ]]; then # each thread's CPU (ms) at the first message, by name
    local t p
    for p in $(< "$cg/cgroup.procs"); do
      for t in /proc/$p/task/*; do
        awk -v tck="$CLK_TCK" '{ s = $0; n = s; sub(/^[^(]*\(/, "", n); sub(/\).*$/, "", n); sub(/^.*\) /, "", s); split(s, f, " ");
          printf "%s=%d\n", n, (f[12] + f[13]) * 1000 / tck }' "$t/stat" 2> /dev/null || true
      done
    done | sort | awk -F= '{ sub(/[-#]?[0-9]+$/, "", $1); c[$1] += $2 } END { for (n in c) if (c[n] > 0) printf "%s %d; ", n, c[n] }' > "$TMP/threads"
  fi
  read -r b1 s1 < <(cpu_ticks_all); e1=$(engine_ticks)
  local shim shimt=0 cli=0 c
  shim=$(pgrep -f -- "-id $id " | head -1 || true)
  [[ -z $shim ]] || shimt=$(ticks_with_children "$shim")
  for c in $(pgrep -x -P "$BASHPID" docker || true); do cli=$((cli + $(ticks_with_children "$c"))); done
  engine=$(( (e1 - e0 + shimt + cli) * 1000 / CLK_TCK ))
  wall=$(( ($(< "$f") - t0) / 1000000 ))
  # the start-up line comes once every bundle runs (a few seconds at most)
  for ((i = 0; i < 1000; i++)); do grep -q 'start-up:' "$err" && break; sleep 0.02; done
  read -r cpid started < <(docker inspect --format '{{.State.Pid}} {{.State.StartedAt}}' "$id")
  started=$(( ($(date -d "$started" +%s%N) - t0) / 1000000 ))
  pstart=$(awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[20] * 10 }' "/proc/$cpid/stat")
  line=$(grep -o 'start-up: .*' "$err" | head -1 || true)
  prejvm=$(sed -n 's/.*before the JVM \([0-9]*\) ms.*/\1/p' <<< "$line")
  docker=$(( pstart - u0 ))
  jvm=$(( wall - docker - ${prejvm:-0} ))
  others=$(( (b1 - b0) * 1000 / CLK_TCK - cpu )); steal=$(( (s1 - s0) * 1000 / CLK_TCK ))
  printf '%-22s %5s %6s %6s %7s %6s %5s %6s %6s %6s %5s  %s\n' "$img" "$r" "$wall" "$docker" "$started" "${prejvm:--}" "$jvm" "$cpu" "$engine" "$others" "$steal" "${line#start-up: }"
  [[ -z $THREADS ]] || echo "    threads at the first message (ms of CPU): $(< "$TMP/threads")"
  echo "$img $r $wall $docker ${prejvm:--1} $jvm $cpu $others $steal $started $engine" >> "$TMP/rows"
  [[ -z $KEEP ]] || cp "$err" "$KEEP/${name}.log"
  docker rm -f "$id" > /dev/null; wait || true
}

for ((r = 1; r <= RUNS; r++)); do
  if [[ -n $BASE ]] && ((r % 2 == 0)); then one "$BASE" "$r"; one "$IMAGE" "$r"
  elif [[ -n $BASE ]]; then one "$IMAGE" "$r"; one "$BASE" "$r"
  else one "$IMAGE" "$r"; fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for img in "$IMAGE" ${BASE:+"$BASE"}; do
  printf 'median %-15s' "$img"
  for col in 3 4 10 5 6 7 11 8 9; do printf ' %6s' "$(awk -v i="$img" -v c="$col" '$1 == i { print $c }' "$TMP/rows" | median)"; done
  echo "   (wall docker started prejvm jvm cpu engine others steal)"
done
if [[ -n $BASE ]]; then
  awk -v a="$IMAGE" -v b="$BASE" '$1 == a { w[$2] = $3; c[$2] = $7 } $1 == b { bw[$2] = $3; bc[$2] = $7 }
    END { for (r in w) if (r in bw) printf "%.3f %.3f\n", w[r] / bw[r], c[r] / bc[r] }' "$TMP/rows" > "$TMP/ratios"
  echo "image/baseline per round, wall: $(cut -d' ' -f1 "$TMP/ratios" | sort -n | tr '\n' ' ')(median $(cut -d' ' -f1 "$TMP/ratios" | median))"
  echo "image/baseline per round, cpu:  $(cut -d' ' -f2 "$TMP/ratios" | sort -n | tr '\n' ' ')(median $(cut -d' ' -f2 "$TMP/ratios" | median))"
fi
