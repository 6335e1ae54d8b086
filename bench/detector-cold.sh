#!/bin/bash
# The detector's engine as the agent runs it, before/after on a loaded machine: small batches of
# fresh ProcessCreate events (the exec load's of bench/detector-cpu.sh: one program, one parent,
# new pids), each batch judged right after a scan of a large array has pushed the engine's code and
# tables out of the caches (as the agent's neighbours do while the detector thread waits); the CPU
# time of the judging only, in ns per event. One JVM loads bench/detector-ab/Cold.java against each
# given benchmarks.jar (own class loader each), warms them up, then runs them in alternating rounds
# (order flipped every round); prints each jar's median and the median of the per-round ratios
# (last jar / first jar).
# Usage: bench/detector-cold.sh ROUNDS JAR [JAR...]   (jars: benchmarks/target/benchmarks.jar built
#   at each commit). AB_JAVA_OPTS: -Dbatch=N events per batch (10), -Dbatches=N per round (400),
#   -Dwarm=N warm-up rounds (150), -DscrubMiB=N (8), -Dnoscrub=true (warm caches).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { echo "usage: $0 ROUNDS JAR JAR..." >&2; exit 2; }
rounds=$1
shift
tmp=$(mktemp -d /tmp/edgesec-detector-ab.XXXXXX)
trap 'rm -rf -- "$tmp"' EXIT
i=1
for j in "$@"; do
    [ -f "$j" ] || { echo "no such jar: $j" >&2; exit 2; }
    mkdir "$tmp/classes-$i"
    javac -nowarn -cp "$j" -d "$tmp/classes-$i" "$here/detector-ab/Cold.java"
    i=$((i + 1))
done
javac -d "$tmp" "$here/detector-ab/ColdAB.java"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r -a opts <<< "${AB_JAVA_OPTS:-}"
java -Xmx512m "${opts[@]}" -Dab.dir="$tmp" -cp "$tmp" ColdAB "$rounds" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
