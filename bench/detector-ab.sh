#!/bin/bash
# Before/after of the detector's engine on a loaded machine: one JVM loads the realistic mix of
# DetectorBenchmark in each given benchmarks.jar (own class loader each) and runs them in
# alternating rounds of 1,000,000 events (order flipped every round), measuring the CPU time of
# the judging thread; prints each jar's median and best events per CPU-second and the median of
# the per-round ratios (last jar / first jar). Rounds side by side see the same neighbours, which
# separate runs minutes apart do not.
# Usage: bench/detector-ab.sh ROUNDS BEFORE.jar AFTER.jar   (jars: benchmarks/target/benchmarks.jar
#   built at each commit; -Devents=N in AB_JAVA_OPTS changes the round size)
# Another benchmark in the same rounds: AB_RUNNER_JAVA (a LongSupplier's source that runs a round
#   and returns its CPU time) and AB_RUNNER_CLASS (its class name), e.g. bench/before-after.sh's
#   bench/before-after/AggregatorRunner.java, io.edgesec.aggregator.internal.AggregatorRunner.
# Another driver (the class with main that runs the rounds and reports): AB_DRIVER_JAVA and
#   AB_DRIVER_CLASS, e.g. bench/detector-cold.sh's ColdAB (compiled with detector-ab/Jars.java, which
#   loads each jar's runner and orders the rounds); AB_MIN_JARS (2) how many jars it needs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
min=$((${AB_MIN_JARS:-2} + 1))
[ $# -ge "$min" ] || { echo "usage: ${AB_USAGE:-$0 ROUNDS JAR JAR...}" >&2; exit 2; }
rounds=$1
shift
tmp=$(mktemp -d /tmp/edgesec-detector-ab.XXXXXX)
trap 'rm -rf -- "$tmp"' EXIT
i=1
for j in "$@"; do
    [ -f "$j" ] || { echo "no such jar: $j" >&2; exit 2; }
    mkdir "$tmp/classes-$i"
    javac -nowarn -cp "$j" -d "$tmp/classes-$i" "${AB_RUNNER_JAVA:-$here/detector-ab/Runner.java}"
    i=$((i + 1))
done
javac -d "$tmp" "$here/detector-ab/Jars.java" "${AB_DRIVER_JAVA:-$here/detector-ab/AB.java}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r -a opts <<< "${AB_JAVA_OPTS:-}"
java -Xmx512m "${opts[@]}" -Dab.dir="$tmp" -Dab.runner="${AB_RUNNER_CLASS:-io.edgesec.detector.bench.Runner}" \
    -cp "$tmp" "${AB_DRIVER_CLASS:-AB}" "$rounds" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
